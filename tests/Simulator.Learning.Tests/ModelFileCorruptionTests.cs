using System.Text.RegularExpressions;
using Simulator.Core;
using Simulator.Learning.Networks;
using Simulator.Learning.Ppo;
using Simulator.Learning.Runs;
using Simulator.Torch;

namespace Simulator.Learning.Tests;

/// <summary>
/// Damaged model files and checkpoints (seeded single-byte changes, truncations, noise): each case either loads
/// weights bit-identical to what was saved (a change in bytes nothing reads, such as alignment padding) or fails with
/// a one-line <see cref="SimInputException"/> naming the file; never another exception, never a NaN weight.
/// </summary>
public sealed partial class ModelFileCorruptionTests : IDisposable
{
    private static readonly PpoOptions s_options = new()
    {
        RolloutLength = 16,
        Epochs = 1,
        Minibatches = 2,
        TotalSteps = 10_000,
        Network = new NetworkOptions { VectorHidden = [8] },
    };

    private readonly string _dir = Directory.CreateTempSubdirectory("sim-corrupt-").FullName;
    private readonly PpoTrainer _trainer = new(new CartPoleEnv(2), s_options);

    public ModelFileCorruptionTests() => _trainer.Iterate();

    public void Dispose()
    {
        _trainer.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Damaged_model_files_load_identically_or_fail_with_one_clear_line()
    {
        string original = Path.Combine(_dir, "model.pt");
        ModelFile.Save(original, _trainer, ModelMeta.For(_trainer.Policy));
        var (loaded, rejected) = RunCases(File.ReadAllBytes(original), seed: 20261201, path =>
        {
            var (policy, _) = ModelFile.LoadPolicy(path);
            using (policy)
            {
                AssertSameWeights(_trainer.Policy, policy);
            }
        });
        Assert.True(rejected >= 150, $"only {rejected} of 240 damaged model files were rejected ({loaded} loaded)");
    }

    [Fact]
    public void Damaged_checkpoints_load_identically_or_fail_with_one_clear_line()
    {
        string original = Path.Combine(_dir, "latest.ckpt");
        _trainer.SaveCheckpoint(original);
        var (loaded, rejected) = RunCases(File.ReadAllBytes(original), seed: 7, path =>
        {
            using var target = new PpoTrainer(new CartPoleEnv(2), s_options with { Seed = 99 });
            target.LoadCheckpoint(path);
            AssertSameWeights(_trainer.Policy, target.Policy);
            Assert.Equal(_trainer.Iteration, target.Iteration);
            Assert.Equal(_trainer.TotalSteps, target.TotalSteps);
        });
        Assert.True(rejected >= 150, $"only {rejected} of 240 damaged checkpoints were rejected ({loaded} loaded)");
    }

    [Fact]
    public void Damaged_copies_of_the_shipped_model_load_identically_or_fail_with_one_clear_line()
    {
        string shipped = Path.Combine(RepoRoot(), "models", "pixels-driver.pt");
        var (expected, _) = ModelFile.LoadPolicy(shipped);
        using (expected)
        {
            var (loaded, rejected) = RunCases(File.ReadAllBytes(shipped), seed: 42, path =>
            {
                var (policy, _) = ModelFile.LoadPolicy(path);
                using (policy)
                {
                    AssertSameWeights(expected, policy);
                }
            }, cases: 40);
            Assert.True(rejected >= 25, $"only {rejected} of 40 damaged copies were rejected ({loaded} loaded)");
        }
    }

    [Fact]
    public void Non_finite_weights_are_rejected_naming_file_and_parameter()
    {
        string model = Path.Combine(_dir, "nan.pt");
        string checkpoint = Path.Combine(_dir, "inf.ckpt");
        using var trainer = new PpoTrainer(new CartPoleEnv(2), s_options);
        var (name, weight) = trainer.Policy.NamedParameters()[0];
        using var values = Tensor.FromArray(Enumerable.Range(0, (int)weight.NumElements).Select(i => i == 1 ? float.NaN : 0.5f).ToArray(), weight.Shape);
        weight.CopyFrom(values);
        ModelFile.Save(model, trainer, ModelMeta.For(trainer.Policy));
        var e = Assert.Throws<SimInputException>(() => ModelFile.LoadPolicy(model));
        AssertClean(e, model);
        Assert.Contains($"parameter '{name}' holds NaN at element 1", e.Message, StringComparison.Ordinal);

        weight.Fill(double.NegativeInfinity);
        trainer.SaveCheckpoint(checkpoint);
        using var target = new PpoTrainer(new CartPoleEnv(2), s_options);
        float[] before = target.Policy.Parameters()[0].ToArray<float>();
        e = Assert.Throws<SimInputException>(() => target.LoadCheckpoint(checkpoint));
        AssertClean(e, checkpoint);
        Assert.Contains($"parameter '{name}' holds -infinity", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, target.Policy.Parameters()[0].ToArray<float>()); // a rejected load changes nothing
    }

    // Of 240 cases: 160 single-byte changes anywhere, 40 truncations, 40 buffers of noise (half starting like a zip).
    private (int Loaded, int Rejected) RunCases(byte[] original, int seed, Action<string> load, int cases = 240)
    {
        var rng = new Random(seed);
        string path = Path.Combine(_dir, "damaged.pt");
        int loaded = 0, rejected = 0;
        for (int k = 0; k < cases; k++)
        {
            int c = k * 240 / cases;
            byte[] bytes;
            string what;
            if (c < 160)
            {
                bytes = (byte[])original.Clone();
                int at = rng.Next(bytes.Length);
                bytes[at] ^= (byte)rng.Next(1, 256);
                what = $"byte {at} changed";
            }
            else if (c < 200)
            {
                int length = rng.Next(original.Length);
                bytes = original[..length];
                what = $"truncated to {length} bytes";
            }
            else
            {
                bytes = new byte[rng.Next(0, 4096)];
                rng.NextBytes(bytes);
                if (c % 2 == 0 && bytes.Length >= 4)
                {
                    "PK\u0003\u0004"u8.CopyTo(bytes);
                }
                what = $"{bytes.Length} bytes of noise";
            }
            File.WriteAllBytes(path, bytes);
            try
            {
                load(path);
                loaded++;
            }
            catch (SimInputException e)
            {
                AssertClean(e, path, what);
                rejected++;
            }
        }
        return (loaded, rejected);
    }

    private static void AssertSameWeights(ActorCritic expected, ActorCritic actual)
    {
        var a = expected.NamedParameters();
        var b = actual.NamedParameters();
        Assert.Equal(a.Select(p => p.Key), b.Select(p => p.Key));
        for (int i = 0; i < a.Count; i++)
        {
            float[] x = a[i].Value.ToArray<float>();
            float[] y = b[i].Value.ToArray<float>();
            Assert.All(y, v => Assert.True(float.IsFinite(v)));
            Assert.Equal(x.Select(BitConverter.SingleToInt32Bits), y.Select(BitConverter.SingleToInt32Bits));
        }
    }

    private static void AssertClean(SimInputException e, string path, string what = "")
    {
        Assert.True(e.Message.StartsWith(path + ": ", StringComparison.Ordinal), $"{what}: message does not start with the file: {e.Message}");
        Assert.DoesNotContain('\n', e.Message);
        Assert.False(TypeName().IsMatch(e.Message), $"{what}: message shows a .NET type name: {e.Message}");
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Simulator.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("repository root not found");
    }

    [GeneratedRegex(@"System\.|Exception|Simulator\.")]
    private static partial Regex TypeName();
}
