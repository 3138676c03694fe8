namespace Simulator.Viewer.Export;

/// <summary>Where an exported frame is seen from.</summary>
public enum ExportView
{
    /// <summary>Behind and above the ego, turning with it (the viewer's chase camera).</summary>
    Chase,
    /// <summary>The ego's first camera sensor exactly as the agent sees it (jitter and noise included), or a bonnet
    /// camera when the scene gives the ego none.</summary>
    Agent,
    /// <summary>High above the ego looking almost straight down, north up: the road around it and its neighbours.</summary>
    Top,
}
