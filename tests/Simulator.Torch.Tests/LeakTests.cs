using Simulator.Core;

namespace Simulator.Torch.Tests;

/// <summary>Leak checks run alone: other tests allocating at the same time would show up in the heap's figures.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LeakCheckCollection
{
    public const string Name = "leak checks";
}

[Collection(LeakCheckCollection.Name)]
public class LeakTests
{
    [Fact]
    public void HundredThousandOpsInScopesDoNotLeak()
    {
        long? probe = NativeHeap.InUseBytes;
        Assert.True(probe.HasValue, "glibc's mallinfo2 is expected on the Linux test machines");
        var x = Tensor.Ones(64, 64).DetachFromScope();
        try
        {
            void Run(int iterations)
            {
                for (int i = 0; i < iterations; i++)
                {
                    using var scope = TorchScope.Enter();
                    var y = (x * 1.5 + 2.0).Relu();
                    _ = y.Sum();
                }
            }
            Run(5_000); // warm up allocator caches
            // Four rounds of 6,250 iterations, 4 ops each: 100,000 tensor ops. A leak grows the heap in every round
            // (one 16 KB result per op would be ~25 MB a round); a one-off cache fill grows it in one.
            var growth = new List<long>();
            for (int round = 0; round < 4; round++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                long before = NativeHeap.InUseBytes!.Value;
                Run(6_250);
                GC.Collect();
                GC.WaitForPendingFinalizers();
                growth.Add(NativeHeap.InUseBytes!.Value - before);
            }
            Assert.True(growth.Min() < 1 << 20, $"native heap in use grew in every round of 25,000 ops: {string.Join(", ", growth.Select(g => $"{g / 1024} KB"))}");
            Assert.True(growth.Sum() < 16 << 20, $"native heap in use grew by {growth.Sum() / 1024} KB over 100,000 ops");
        }
        finally
        {
            x.Dispose();
        }
    }
}
