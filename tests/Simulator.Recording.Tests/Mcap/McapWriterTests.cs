using Simulator.Recording.Mcap;
using Xunit.Abstractions;

namespace Simulator.Recording.Tests.Mcap;

public class McapWriterTests(ITestOutputHelper output)
{
    [Fact]
    public void Create_refuses_an_existing_file()
    {
        string path = McapSample.TempPath("exists.mcap");
        File.WriteAllText(path, "keep me");
        try
        {
            var e = Assert.ThrowsAny<IOException>(() => McapWriter.Create(path));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            Assert.Equal("keep me", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Misuse_gives_clear_exceptions()
    {
        var writer = new McapWriter(new MemoryStream());
        ushort channel = writer.AddChannel(0, "/a", "raw");
        var unknown = Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteMessage(9, 0, 0, 0, [1]));
        Assert.Contains("no channel 9", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteMessage(0, 0, 0, 0, [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.AddChannel(3, "/b", "raw"));
        Assert.Throws<ArgumentException>(() => writer.AddChannel(0, "", "raw"));
        writer.WriteMessage(channel, 0, 0, 0, [1]);
        writer.Dispose();
        writer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => writer.WriteMessage(channel, 1, 1, 1, [1]));
        Assert.Throws<ObjectDisposedException>(() => writer.AddSchema("s", "e", []));
        Assert.Throws<ObjectDisposedException>(() => writer.FlushChunk());
        Assert.Throws<ArgumentOutOfRangeException>(() => new McapWriter(new MemoryStream(), new McapWriterOptions { ChunkSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new McapWriter(new MemoryStream(), new McapWriterOptions { ZstdLevel = 30 }));
    }

    [Fact]
    public void Chunks_built_apart_are_written_with_their_indexes_beside_the_open_chunk()
    {
        string path = McapSample.TempPath("built.mcap");
        var sent = new List<(uint Sequence, ulong Time, byte[] Data)>();
        try
        {
            using (var writer = McapWriter.Create(path, new McapWriterOptions { SyncChunks = false }))
            {
                ushort a = writer.AddChannel(0, "/open", "raw");
                ushort b = writer.AddChannel(0, "/built", "raw");
                using var built = new McapChunkBuilder();
                writer.WriteMessage(a, 0, 5, 5, [1]); // stays in the writer's open chunk while built chunks go out
                uint sequence = 0;
                foreach (McapCompression compression in Enum.GetValues<McapCompression>())
                {
                    for (int i = 0; i < 50; i++, sequence++)
                    {
                        byte[] data = [.. BitConverter.GetBytes(sequence), (byte)compression, .. new byte[i]];
                        ulong t = 100 + sequence * 10;
                        built.Add(b, sequence, t, t, data);
                        sent.Add((sequence, t, data));
                    }
                    Assert.Equal(50, built.MessageCount);
                    built.Seal(compression);
                    Assert.Equal(compression, built.SealedWith);
                    Assert.Throws<InvalidOperationException>(() => built.Add(b, 0, 0, 0, [1]));
                    Assert.Throws<InvalidOperationException>(() => built.Seal(compression));
                    long before = writer.BytesWritten;
                    writer.WriteChunk(built);
                    Assert.True(writer.BytesWritten > before);
                    built.Clear();
                    Assert.True(built.IsEmpty);
                }
                // Empty: nothing is written. Open (not sealed): sealed with the options' compression.
                long size = writer.BytesWritten;
                writer.WriteChunk(built);
                Assert.Equal(size, writer.BytesWritten);
                built.Add(b, sequence, 9_000, 9_000, [7]);
                sent.Add((sequence, 9_000, [7]));
                writer.WriteChunk(built);
                Assert.Equal(McapCompression.Zstd, built.SealedWith);
                writer.WriteMessage(a, 1, 10_000, 10_000, [2]);
            }
            using var reader = McapReader.Open(path);
            Assert.Null(reader.Recovery);
            var topics = reader.MessageCounts.ToDictionary(kv => reader.Channels[kv.Key].Topic, kv => (int)kv.Value);
            Assert.Equal(2, topics["/open"]);
            Assert.Equal(sent.Count, topics["/built"]);
            Assert.Equal(5, reader.Chunks.Count);
            // By time range (chunk indexes): every built message back, in order, with its data (copied: a message's
            // data is valid until the reader moves to the next chunk).
            var back = reader.ReadMessages(100, 9_001, c => c.Topic == "/built").Select(m => (m.Sequence, m.LogTime, Convert.ToHexString(m.Data.Span))).ToList();
            Assert.Equal(sent.Select(m => (m.Sequence, m.Time, Convert.ToHexString(m.Data))), back);
            Assert.Equal([5UL, 10_000UL], reader.ReadMessages(channels: c => c.Topic == "/open").Select(m => m.LogTime));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Lz4_chunks_of_incompressible_and_multi_block_data_read_back()
    {
        // The LZ4 frame is written around the block codec: a block that does not compress is stored as is, and a
        // chunk over 4 MiB spans several blocks.
        string path = McapSample.TempPath("lz4.mcap");
        var random = new byte[100_000];
        new Random(3).NextBytes(random);
        var big = new byte[9 << 20];
        for (int i = 0; i < big.Length; i++)
        {
            big[i] = (byte)(i % 251 ^ i / 4096);
        }
        try
        {
            using (var writer = McapWriter.Create(path, new McapWriterOptions { Compression = McapCompression.Lz4, ChunkSize = 16 << 20, SyncChunks = false }))
            {
                ushort channel = writer.AddChannel(0, "/x", "raw");
                writer.WriteMessage(channel, 0, 1, 1, random);
                writer.FlushChunk();
                writer.WriteMessage(channel, 1, 2, 2, big);
                writer.FlushChunk();
                writer.WriteMessage(channel, 2, 3, 3, []);
            }
            using var reader = McapReader.Open(path);
            Assert.All(reader.Chunks, c => Assert.Equal(McapCompression.Lz4, c.Compression));
            var back = reader.ReadMessages().Select(m => m.Data.ToArray()).ToList();
            Assert.Equal(3, back.Count);
            Assert.True(random.AsSpan().SequenceEqual(back[0]));
            Assert.True(big.AsSpan().SequenceEqual(back[1]));
            Assert.Empty(back[2]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_built_chunk_naming_an_unknown_channel_is_refused_before_anything_is_written()
    {
        using var writer = new McapWriter(new MemoryStream());
        writer.AddChannel(0, "/a", "raw");
        using var built = new McapChunkBuilder();
        built.Add(1, 0, 0, 0, [1]);
        built.Add(4, 0, 0, 0, [1]);
        long size = writer.BytesWritten;
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => writer.WriteChunk(built));
        Assert.Contains("no channel 4", e.Message, StringComparison.Ordinal);
        Assert.Equal(size, writer.BytesWritten);
        Assert.Throws<ArgumentOutOfRangeException>(() => built.Add(0, 0, 0, 0, [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new McapChunkBuilder(zstdLevel: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => built.Seal((McapCompression)9));
    }

    [Fact]
    public void FlushChunk_makes_the_messages_readable_while_the_writer_is_still_open()
    {
        string path = McapSample.TempPath("live.mcap");
        try
        {
            using (var writer = McapWriter.Create(path, new McapWriterOptions { Compression = McapCompression.Lz4 }))
            {
                ushort channel = writer.AddChannel(0, "/live", "raw");
                for (int i = 0; i < 30; i++)
                {
                    writer.WriteMessage(channel, (uint)i, (ulong)i, (ulong)i, [(byte)i, 1, 2]);
                }
                writer.FlushChunk();
                writer.WriteMessage(channel, 99, 99, 99, [9]); // still in the open chunk: lost if the process dies now
                Assert.Equal(new FileInfo(path).Length, writer.BytesWritten);

                using var reader = McapReader.Open(path);
                Assert.NotNull(reader.Recovery);
                Assert.Equal(1, reader.Recovery.ChunksRecovered);
                Assert.Equal(writer.BytesWritten, reader.Recovery.FileBytes);
                Assert.Equal(Enumerable.Range(0, 30).Select(i => (uint)i), reader.ReadMessages().Select(m => m.Sequence));
            }
            using var complete = McapReader.Open(path);
            Assert.Null(complete.Recovery);
            Assert.Equal(31, complete.ReadMessages().Count());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Writing_messages_allocates_nothing_in_steady_state()
    {
        foreach (var compression in new[] { McapCompression.None, McapCompression.Zstd, McapCompression.Lz4 })
        {
            using var writer = new McapWriter(Stream.Null, new McapWriterOptions { Compression = compression, ChunkSize = 16 * 1024 });
            ushort a = writer.AddChannel(0, "/a", "raw");
            ushort b = writer.AddChannel(0, "/b", "raw");
            var payload = new byte[100];
            ulong time = 0;
            void Write(int count)
            {
                for (int i = 0; i < count; i++)
                {
                    writer.WriteMessage((i & 1) == 0 ? a : b, (uint)i, time, time, payload);
                    time++;
                }
            }
            Write(20_000); // grows the buffers to their working size
            long smallest = long.MaxValue;
            for (int run = 0; run < 3 && smallest > 0; run++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                Write(5_000);
                smallest = Math.Min(smallest, GC.GetAllocatedBytesForCurrentThread() - before);
            }
            output.WriteLine($"{compression}: {smallest:N0} bytes allocated for 5,000 messages (about 40 chunks)");
            // 5,000 messages close about 40 chunks; only the summary's chunk index buffer may grow (amortized). LZ4
            // frames are written around the block codec, which allocates nothing either.
            Assert.True(smallest < 4096, $"{compression}: {smallest} bytes allocated for 5,000 messages");
        }
    }
}
