namespace Simulator.Viewer;

/// <summary>Marker for the viewer assembly (windows, views, HUD and overlays that watch running envs).</summary>
internal static class ViewerAssembly
{
}
