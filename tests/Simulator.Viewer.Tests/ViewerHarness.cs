using Simulator.Driving.Env;
using Simulator.Driving.Runtime;

namespace Simulator.Viewer.Tests;

/// <summary>Scenes and helpers for the window tests.</summary>
internal static class ViewerHarness
{
    public static string ScenePath(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "scenes", name + ".json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("scenes/" + name + ".json not found above " + AppContext.BaseDirectory);
    }

    private static readonly Dictionary<string, CompiledScene> s_scenes = [];

    public static CompiledScene Scene(string name)
    {
        lock (s_scenes)
        {
            if (!s_scenes.TryGetValue(name, out CompiledScene? scene))
            {
                scene = SceneCompiler.Load(ScenePath(name));
                s_scenes.Add(name, scene);
            }
            return scene;
        }
    }

    public static DrivingEnv Env(string scene, bool autopilot = true) => new(Scene(scene), new EnvOptions { Autopilot = autopilot });

    public static ViewerOptions Options(long frames, int width = 640, int height = 360) => new()
    {
        Title = "sim viewer test",
        Width = width,
        Height = height,
        Fps = 0,
        Validation = true,
        MaxFrames = frames,
    };

    /// <summary>Runs <paramref name="run"/> with a viewer open, then closes it; fails on any window error.</summary>
    public static T WithViewer<T>(ViewerOptions options, FrameExchange exchange, ViewerControl control, Func<ViewerHost, T> run, out ViewerHost closed)
    {
        var host = new ViewerHost(options, exchange, control);
        try
        {
            host.Start();
            T result = run(host);
            Assert.True(host.WaitForClose(TimeSpan.FromMinutes(3)), "the viewer did not close");
            Assert.Null(host.Failure);
            closed = host;
            return result;
        }
        finally
        {
            host.Dispose();
        }
    }
}
