using Simulator.Driving.Env;
using Simulator.Driving.Runtime;
using Simulator.Driving.Scenes;

namespace Simulator.Recording.Tests.Replay;

/// <summary>Shipped scenes, temporary folders and recorded episodes for the recording tests.</summary>
internal static class RecordingTestData
{
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Simulator.sln")) && Directory.Exists(Path.Combine(dir.FullName, "scenes")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("cannot find the repository root (Simulator.sln) above " + AppContext.BaseDirectory);
    }

    public static SceneDescription Describe(string name) => SceneLoader.LoadFile(Path.Combine(RepoRoot(), "scenes", name + ".json"));

    public static CompiledScene Scene(string name) => SceneCompiler.Compile(Describe(name));

    /// <summary>A new empty folder under the temp folder (deleted by the caller's using).</summary>
    public static TempFolder Folder() => new();

    /// <summary>A lane-keeping controller with seeded noise: a policy (not the autopilot) whose actions must be recorded.</summary>
    public static DrivingPolicy NoisyController(int seed)
    {
        var rng = new Random(seed);
        return (obs, env) =>
        {
            EnvInfo info = env.Info;
            float steer = (float)Math.Clamp(-0.35 * info.Lateral - 1.2 * info.HeadingError + 0.2 * (rng.NextDouble() - 0.5), -1, 1);
            float accel = info.Speed < 9 ? 0.6f : (float)(0.1 * (rng.NextDouble() - 0.5));
            return new DrivingAction(steer, accel);
        };
    }

    internal sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sim-rec-tests-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
