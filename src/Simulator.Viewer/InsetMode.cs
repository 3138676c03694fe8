namespace Simulator.Viewer;

/// <summary>Which image of the agent's camera the inset shows.</summary>
public enum InsetMode
{
    Rgb,
    Depth,
    Segmentation,
}
