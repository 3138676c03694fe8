using System.Diagnostics;
using Simulator.Recording.Mcap;
using Xunit.Abstractions;

namespace Simulator.Recording.Tests.Mcap;

/// <summary>Random truncations and byte flips of real files: the reader answers with data or McapFormatException, never anything else, never a hang.</summary>
public class McapFuzzTests(ITestOutputHelper output)
{
    private const int Cases = 12_000;
    private static readonly TimeSpan s_watchdog = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Truncated_and_flipped_files_give_only_McapFormatException()
    {
        int seed = Environment.GetEnvironmentVariable("SIM_MCAP_FUZZ_SEED") is { Length: > 0 } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : 20261201;
        output.WriteLine($"seed {seed} (set SIM_MCAP_FUZZ_SEED to reproduce another)");
        var samples = new[] { McapCompression.None, McapCompression.Zstd, McapCompression.Lz4 }
            .Select(c => McapSample.Write(c, count: 40, chunkSize: 300, seed: 3).Bytes).ToArray();
        var random = new Random(seed);
        int formatErrors = 0, recovered = 0, intact = 0;
        var clock = Stopwatch.StartNew();
        for (int n = 0; n < Cases; n++)
        {
            byte[] original = samples[n % samples.Length];
            var bytes = (byte[])original.Clone();
            int length = bytes.Length;
            int kind = random.Next(3); // 0: truncate, 1: flip, 2: both
            string what = "";
            if (kind != 1)
            {
                length = random.Next(0, bytes.Length);
                what += $"cut at {length} ";
            }
            if (kind != 0)
            {
                int flips = random.Next(1, 9);
                for (int f = 0; f < flips; f++)
                {
                    int at = random.Next(bytes.Length);
                    byte mask = (byte)random.Next(1, 256);
                    bytes[at] ^= mask;
                    what += $"flip {at}^{mask} ";
                }
            }
            string context = $"case {n} (seed {seed}, sample {n % samples.Length}): {what}";
            bool wasRecovered;
            Exception? error;
            try
            {
                (wasRecovered, error) = await Task.Run(() => Exercise(bytes, length)).WaitAsync(s_watchdog);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"{context}: still running after {s_watchdog.TotalSeconds} s");
                throw;
            }
            if (error is McapFormatException)
            {
                formatErrors++;
            }
            else if (error != null)
            {
                Assert.Fail($"{context}: {error.GetType().Name}: {error}");
            }
            else if (wasRecovered)
            {
                recovered++;
            }
            else
            {
                intact++;
            }
        }
        output.WriteLine($"{Cases} cases in {clock.Elapsed.TotalSeconds:F1} s: {formatErrors} McapFormatException, {recovered} recovered, {intact} read as intact");
        Assert.True(formatErrors > 0 && recovered > 0, "the fuzzing never hit an error or a recovery: it tests nothing");
    }

    /// <summary>Opens and reads everything; returns whether a recovery was reported, or the exception thrown.</summary>
    private static (bool Recovered, Exception? Error) Exercise(byte[] bytes, int length)
    {
        try
        {
            using var reader = McapSample.Read(bytes, length);
            long sum = 0;
            foreach (var message in reader.ReadMessages())
            {
                sum += message.Data.Length + message.Channel.Topic.Length;
            }
            foreach (var chunk in reader.Chunks)
            {
                sum += chunk.Length;
            }
            sum += reader.Attachments.Sum(a => a.Data.Length) + reader.Metadata.Count + reader.MessageCounts.Count + reader.Schemas.Count;
            return (reader.Recovery != null && sum >= 0, null);
        }
        catch (Exception e)
        {
            return (false, e);
        }
    }
}
