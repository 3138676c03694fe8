using Simulator.Recording.Mcap;
using Xunit.Abstractions;

namespace Simulator.Recording.Tests.Mcap;

/// <summary>Cut-off and damaged files: what a crashed recording leaves behind.</summary>
public class McapRecoveryTests(ITestOutputHelper output)
{
    /// <summary>The messages of the chunks that end at or before <paramref name="cut"/>, from the intact file.</summary>
    private static List<WrittenMessage> CompleteChunkMessages(McapSample sample, long cut, out int chunks)
    {
        using var intact = McapSample.Read(sample.Bytes);
        var messages = new List<WrittenMessage>();
        chunks = 0;
        for (int i = 0; i < intact.Chunks.Count; i++)
        {
            var chunk = intact.Chunks[i];
            if (chunk.Offset + chunk.Length <= cut)
            {
                chunks++;
                messages.AddRange(intact.ReadChunk(i).Select(WrittenMessage.Of));
            }
        }
        return messages;
    }

    private static void AssertRecovers(McapSample sample, int cut, string context)
    {
        var expected = CompleteChunkMessages(sample, cut, out int chunks);
        using var reader = McapSample.Read(sample.Bytes, cut);
        Assert.True(reader.Recovery != null, $"{context}: no recovery reported");
        Assert.Equal(cut, reader.Recovery.FileBytes);
        Assert.True(reader.Recovery.ValidBytes <= cut, context);
        Assert.Equal(chunks, reader.Recovery.ChunksRecovered);
        McapSample.AssertSame(expected, McapSample.All(reader), context);
        Assert.Equal((ulong)expected.Count, reader.MessageCounts.Values.Aggregate(0UL, (a, b) => a + b));
    }

    [Theory]
    [InlineData(McapCompression.None)]
    [InlineData(McapCompression.Zstd)]
    [InlineData(McapCompression.Lz4)]
    public void A_file_cut_at_any_chunk_boundary_reads_its_complete_chunks(McapCompression compression)
    {
        var sample = McapSample.Write(compression);
        using var intact = McapSample.Read(sample.Bytes);
        foreach (var chunk in intact.Chunks)
        {
            foreach (long cut in new[] { chunk.Offset, chunk.Offset + 1, chunk.Offset + 9, chunk.Offset + chunk.Length - 1, chunk.Offset + chunk.Length, chunk.Offset + chunk.Length + 5 })
            {
                AssertRecovers(sample, (int)cut, $"{compression} cut at {cut}");
            }
        }
    }

    [Theory]
    [InlineData(McapCompression.None, 11)]
    [InlineData(McapCompression.Zstd, 12)]
    [InlineData(McapCompression.Lz4, 13)]
    public void A_file_cut_at_random_bytes_reads_its_complete_chunks(McapCompression compression, int seed)
    {
        output.WriteLine($"seed {seed}");
        var sample = McapSample.Write(compression);
        var random = new Random(seed);
        for (int i = 0; i < 150; i++)
        {
            int cut = random.Next(8, sample.Bytes.Length);
            AssertRecovers(sample, cut, $"{compression} seed {seed} cut at {cut}");
        }
    }

    [Fact]
    public void The_reason_says_where_the_file_was_cut()
    {
        var sample = McapSample.Write(McapCompression.Zstd);
        using var intact = McapSample.Read(sample.Bytes);
        var third = intact.Chunks[2];
        int cut = (int)(third.Offset + (third.Length / 2));
        using var reader = McapSample.Read(sample.Bytes, cut);
        output.WriteLine(reader.Recovery!.Reason);
        Assert.Equal(2, reader.Recovery.ChunksRecovered);
        Assert.Equal(third.Offset, reader.Recovery.ValidBytes);
        Assert.Contains("no summary", reader.Recovery.Reason, StringComparison.Ordinal);
        Assert.Contains($"ends after {cut:N0} bytes", reader.Recovery.Reason, StringComparison.Ordinal);
        Assert.Contains("cut off while writing", reader.Recovery.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_cut_inside_its_summary_still_has_every_message()
    {
        var sample = McapSample.Write(McapCompression.Lz4);
        using var reader = McapSample.Read(sample.Bytes, sample.Bytes.Length - 50);
        Assert.NotNull(reader.Recovery);
        McapSample.AssertSame(sample.Messages, McapSample.All(reader), "cut in summary");
        Assert.Equal(["calibration.json", "map.bin"], reader.Attachments.Select(a => a.Name));
        Assert.Equal(["run", "vehicle"], reader.Metadata.Select(m => m.Name));
        Assert.Equal(3, reader.Channels.Count);
        Assert.Equal(2, reader.Schemas.Count);
    }

    [Fact]
    public void A_damaged_chunk_fails_reading_with_its_offset_and_stops_a_scan_there()
    {
        var sample = McapSample.Write(McapCompression.None);
        using var intact = McapSample.Read(sample.Bytes);
        var fourth = intact.Chunks[3];
        var damaged = (byte[])sample.Bytes.Clone();
        damaged[fourth.Offset + fourth.Length - 3] ^= 0x40; // inside the last message's data: only the CRC sees it

        using (var reader = McapSample.Read(damaged))
        {
            Assert.Null(reader.Recovery); // the summary is intact
            var e = Assert.Throws<McapFormatException>(() => reader.ReadMessages().Count());
            Assert.Contains($"chunk at byte {fourth.Offset:N0}", e.Message, StringComparison.Ordinal);
            Assert.Contains("CRC", e.Message, StringComparison.Ordinal);
            // A time range that ends before the damaged chunk never reads it.
            var before = reader.ReadMessages(0, fourth.MessageStartTime).Select(WrittenMessage.Of).ToList();
            McapSample.AssertSame(sample.Messages.Where(m => m.LogTime < fourth.MessageStartTime).ToList(), before, "before the damage");
        }

        // Without the summary (cut off) the scan stops at the damaged chunk and keeps the three before it.
        using var cut = McapSample.Read(damaged, damaged.Length - 100);
        output.WriteLine(cut.Recovery!.Reason);
        Assert.Equal(3, cut.Recovery.ChunksRecovered);
        Assert.Equal(fourth.Offset, cut.Recovery.ValidBytes);
        Assert.Contains("damaged", cut.Recovery.Reason, StringComparison.Ordinal);
        McapSample.AssertSame(CompleteChunkMessages(sample, fourth.Offset, out _), McapSample.All(cut), "scan");
    }

    [Fact]
    public void A_damaged_summary_falls_back_to_a_scan()
    {
        var sample = McapSample.Write(McapCompression.Zstd);
        var damaged = (byte[])sample.Bytes.Clone();
        damaged[^60] ^= 0xFF;
        using var reader = McapSample.Read(damaged);
        Assert.NotNull(reader.Recovery);
        output.WriteLine(reader.Recovery.Reason);
        Assert.Contains("CRC", reader.Recovery.Reason, StringComparison.Ordinal);
        McapSample.AssertSame(sample.Messages, McapSample.All(reader), "scan");
    }

    [Fact]
    public void A_scan_checks_a_large_attachment_block_by_block()
    {
        var big = new byte[(6 << 20) + 123];
        new Random(9).NextBytes(big);
        using var stream = new MemoryStream();
        using (var writer = new McapWriter(stream, new McapWriterOptions { Compression = McapCompression.None }, leaveOpen: true))
        {
            ushort channel = writer.AddChannel(0, "/a", "raw");
            writer.WriteMessage(channel, 0, 1, 1, [1]);
            writer.FlushChunk();
            writer.WriteAttachment("big.bin", "application/octet-stream", 1, 1, big);
            writer.WriteMessage(channel, 1, 2, 2, [2]);
        }
        var bytes = stream.ToArray();
        using (var cut = McapSample.Read(bytes, bytes.Length - 10))
        {
            Assert.NotNull(cut.Recovery);
            Assert.Equal(2, cut.Recovery.ChunksRecovered);
            Assert.True(big.AsSpan().SequenceEqual(cut.Attachments.Single().Data.Span));
        }
        int inData = bytes.AsSpan().IndexOf(big.AsSpan(0, 64)) + (5 << 20);
        bytes[inData] ^= 1;
        using var damaged = McapSample.Read(bytes, bytes.Length - 10);
        output.WriteLine(damaged.Recovery!.Reason);
        Assert.Equal(1, damaged.Recovery.ChunksRecovered);
        Assert.Contains("'big.bin' fails its CRC check", damaged.Recovery.Reason, StringComparison.Ordinal);
        Assert.Single(damaged.ReadMessages());
    }

    [Fact]
    public void A_complete_file_without_a_summary_reads_without_recovery()
    {
        var sample = McapSample.Write(McapCompression.Zstd);
        long summaryStart = BitConverter.ToInt64(sample.Bytes, sample.Bytes.Length - 8 - 20);
        var bytes = new List<byte>(sample.Bytes[..(int)summaryStart]);
        bytes.Add(0x02);
        bytes.AddRange(BitConverter.GetBytes(20UL));
        bytes.AddRange(new byte[20]); // summary_start 0: no summary
        bytes.AddRange(sample.Bytes[^8..]);
        using var reader = McapSample.Read(bytes.ToArray());
        Assert.Null(reader.Recovery);
        McapSample.AssertSame(sample.Messages, McapSample.All(reader), "summary-less");
        Assert.Equal(2, reader.Attachments.Count);
        Assert.Equal(2, reader.Metadata.Count);
        Assert.Equal(1000UL, reader.MessageStartTime);
    }

    [Fact]
    public void Foreign_files_are_refused_with_a_clear_message()
    {
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];
        var random = new byte[4096];
        new Random(5).NextBytes(random);
        foreach (var (name, bytes) in new[] { ("png", png), ("empty", []), ("random", random), ("text", "hello world, not mcap"u8.ToArray()), ("short", png[..3]) })
        {
            string path = McapSample.TempPath(name);
            File.WriteAllBytes(path, bytes);
            try
            {
                var e = Assert.Throws<McapFormatException>(() => McapReader.Open(path));
                output.WriteLine(e.Message);
                Assert.StartsWith($"'{path}' is not an MCAP file (", e.Message, StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
