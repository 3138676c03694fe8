namespace Simulator.Viewer;

/// <summary>How the viewer's 3D camera moves.</summary>
public enum CameraMode
{
    /// <summary>Behind and above the followed vehicle, turning with it.</summary>
    Chase,
    /// <summary>Circling the followed vehicle (A/D turn, PageUp/PageDown zoom).</summary>
    Orbit,
    /// <summary>Flying freely (W/S forward/back, A/D turn, PageUp/PageDown up/down).</summary>
    Free,
}
