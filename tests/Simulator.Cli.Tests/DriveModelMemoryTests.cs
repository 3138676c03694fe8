using Simulator.Core;

namespace Simulator.Cli.Tests;

/// <summary>Memory checks run alone: other tests allocating at the same time would show up in the heap's figures.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LeakCheckCollection
{
    public const string Name = "leak checks";
}

/// <summary>
/// `sim drive --model` with the shipped camera model, run in this process round after round: the real renderer,
/// frame stacking and policy. Each round drives 16 episodes (two in turn on each of 8 envs); a leak grows the heaps
/// in every round, a one-off cache fill in one.
/// </summary>
[Collection(LeakCheckCollection.Name)]
public class DriveModelMemoryTests
{
    [Fact]
    public void Driving_rounds_of_episodes_with_the_pixel_model_keeps_memory_flat()
    {
        string model = Path.Combine(DriveModelTests.RepoRoot(), "models", "pixels-driver.pt");
        void Round()
        {
            var (code, _, err) = CliTests.Run("drive", "--model", model, "--episodes", "16", "--json");
            Assert.True(code == 0, err);
        }
        Round(); // warm-up: renderer, allocator and libtorch caches
        var native = new List<long>();
        var managed = new List<long>();
        for (int round = 0; round < 3; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long n0 = NativeHeap.InUseBytes!.Value;
            long m0 = GC.GetTotalMemory(forceFullCollection: true);
            Round();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            native.Add(NativeHeap.InUseBytes!.Value - n0);
            managed.Add(GC.GetTotalMemory(forceFullCollection: true) - m0);
        }
        string figures = $"native: {string.Join(", ", native.Select(g => $"{g / 1024} KB"))}; managed: {string.Join(", ", managed.Select(g => $"{g / 1024} KB"))}";
        Assert.True(native.Min() < 1 << 20, $"native heap in use grew in every round of 16 episodes ({figures})");
        Assert.True(managed.Min() < 1 << 20, $"managed heap grew in every round of 16 episodes ({figures})");
    }
}
