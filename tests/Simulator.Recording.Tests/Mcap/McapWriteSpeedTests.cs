using System.Diagnostics;
using Simulator.Recording.Mcap;
using Xunit.Abstractions;

namespace Simulator.Recording.Tests.Mcap;

/// <summary>A small write and read speed measurement (printed, never asserted: timings depend on the machine).</summary>
public class McapWriteSpeedTests(ITestOutputHelper output)
{
    [Fact]
    public void Write_speed_is_printed_per_compression()
    {
        // Telemetry-like payloads: 512-byte messages, mostly slowly varying floats with some noise.
        var random = new Random(3);
        const int Messages = 40_000;
        const int Size = 512;
        int passes = 0;
        var payloads = new byte[256][];
        for (int p = 0; p < payloads.Length; p++)
        {
            payloads[p] = new byte[Size];
            for (int f = 0; f < Size; f += 4)
            {
                BitConverter.TryWriteBytes(payloads[p].AsSpan(f), (float)Math.Round(Math.Sin((p * 0.01) + f), 2) + (random.Next(8) == 0 ? 0.5f : 0f));
            }
        }
        // The first pass warms up the JIT (tiered compilation); the second is printed.
        foreach (var compression in new[] { McapCompression.None, McapCompression.Zstd, McapCompression.Lz4, McapCompression.None, McapCompression.Zstd, McapCompression.Lz4 })
        {
            using var counter = new MemoryStream();
            var clock = Stopwatch.StartNew();
            using (var writer = new McapWriter(counter, new McapWriterOptions { Compression = compression, SyncChunks = false }, leaveOpen: true))
            {
                ushort channel = writer.AddChannel(0, "/state", "raw");
                for (int i = 0; i < Messages; i++)
                {
                    writer.WriteMessage(channel, (uint)i, (ulong)i * 20_000_000, (ulong)i * 20_000_000, payloads[i & 255]);
                }
            }
            double seconds = clock.Elapsed.TotalSeconds;
            double megabytes = Messages * (double)Size / 1e6;
            if (++passes <= 3)
            {
                continue;
            }
            clock.Restart();
            counter.Position = 0;
            long read = 0;
            using (var reader = new McapReader(counter, leaveOpen: true))
            {
                foreach (var message in reader.ReadMessages())
                {
                    read += message.Data.Length;
                }
            }
            double readSeconds = clock.Elapsed.TotalSeconds;
            Assert.Equal(Messages * (long)Size, read);
            output.WriteLine($"{compression,-5}: write {megabytes / seconds,7:F1} MB/s, read {megabytes / readSeconds,7:F1} MB/s of message data; file {counter.Length / 1e6:F2} MB for {megabytes:F2} MB of messages");
            Assert.True(counter.Length > 0);
        }
    }
}
