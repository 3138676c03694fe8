using System.Text;
using Simulator.Recording.Mcap;

namespace Simulator.Recording.Tests.Mcap;

public class McapRoundTripTests
{
    [Theory]
    [InlineData(McapCompression.None)]
    [InlineData(McapCompression.Zstd)]
    [InlineData(McapCompression.Lz4)]
    public void Everything_written_reads_back(McapCompression compression)
    {
        var sample = McapSample.Write(compression);
        using var reader = McapSample.Read(sample.Bytes);

        Assert.Null(reader.Recovery);
        Assert.Equal("sim", reader.Profile);
        Assert.Equal("tests", reader.Library);
        Assert.Equal(["foxglove.RawImage", "sim.EgoState"], reader.Schemas.Values.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal("""{"type":"object"}""", Encoding.UTF8.GetString(reader.Schemas[1].Data.Span));
        Assert.Equal(3, reader.Channels.Count);
        var state = reader.Channels.Values.Single(c => c.Topic == "/ego/state");
        Assert.Equal(1, state.SchemaId);
        Assert.Equal("json", state.MessageEncoding);
        Assert.Equal("ego", state.Metadata["frame"]);
        Assert.Equal("50", state.Metadata["rate"]);
        var lidar = reader.Channels.Values.Single(c => c.Topic == "/lidar");
        Assert.Equal(0, lidar.SchemaId);
        Assert.Equal("m", lidar.Metadata["unit"]);
        Assert.Empty(reader.Channels.Values.Single(c => c.Topic == "/camera/front").Metadata);

        Assert.True(reader.Chunks.Count > 10, $"only {reader.Chunks.Count} chunks");
        Assert.All(reader.Chunks, c => Assert.Equal(compression, c.Compression));
        Assert.Equal(reader.Chunks.OrderBy(c => c.Offset).Select(c => c.Offset), reader.Chunks.Select(c => c.Offset));
        if (compression != McapCompression.None)
        {
            Assert.True(reader.Chunks.Sum(c => c.CompressedSize) < reader.Chunks.Sum(c => c.UncompressedSize));
        }
        McapSample.AssertSame(sample.Messages, McapSample.All(reader), compression.ToString());

        var counts = sample.Messages.GroupBy(m => m.ChannelId).ToDictionary(g => g.Key, g => (ulong)g.Count());
        Assert.Equal(counts.OrderBy(p => p.Key), reader.MessageCounts.OrderBy(p => p.Key));
        Assert.Equal(1000UL, reader.MessageStartTime);
        Assert.Equal(1000UL + (10UL * 399), reader.MessageEndTime);

        Assert.Equal(["calibration.json", "map.bin"], reader.Attachments.Select(a => a.Name));
        var calibration = reader.Attachments[0];
        Assert.Equal("application/json", calibration.MediaType);
        Assert.Equal((5UL, 6UL), (calibration.LogTime, calibration.CreateTime));
        Assert.Equal("""{"fx":500}""", Encoding.UTF8.GetString(calibration.Data.Span));
        Assert.Equal([1, 2, 3, 4, 5], reader.Attachments[1].Data.ToArray());

        Assert.Equal(["run", "vehicle"], reader.Metadata.Select(m => m.Name));
        Assert.Equal("oval", reader.Metadata[0].Values["scene"]);
        Assert.Equal("sedan", reader.Metadata[1].Values["model"]);
    }

    [Theory]
    [InlineData(McapCompression.None)]
    [InlineData(McapCompression.Zstd)]
    [InlineData(McapCompression.Lz4)]
    public void Time_range_and_channel_filters_choose_messages(McapCompression compression)
    {
        var sample = McapSample.Write(compression);
        using var reader = McapSample.Read(sample.Bytes);

        var window = reader.ReadMessages(1500, 2500).Select(WrittenMessage.Of).ToList();
        McapSample.AssertSame(sample.Messages.Where(m => m.LogTime is >= 1500 and < 2500).ToList(), window, "time window");
        Assert.Equal(100, window.Count);

        ushort camera = reader.Channels.Values.Single(c => c.Topic == "/camera/front").Id;
        var cameraOnly = reader.ReadMessages(channels: c => c.Topic == "/camera/front").Select(WrittenMessage.Of).ToList();
        McapSample.AssertSame(sample.Messages.Where(m => m.ChannelId == camera).ToList(), cameraOnly, "channel filter");

        var both = reader.ReadMessages(3000, 3100, c => c.Id == camera).Select(WrittenMessage.Of).ToList();
        McapSample.AssertSame(sample.Messages.Where(m => m.ChannelId == camera && m.LogTime is >= 3000 and < 3100).ToList(), both, "both");

        Assert.Empty(reader.ReadMessages(100_000, 200_000));
        var byChunk = Enumerable.Range(0, reader.Chunks.Count).SelectMany(i => reader.ReadChunk(i).Select(WrittenMessage.Of)).ToList();
        McapSample.AssertSame(sample.Messages, byChunk, "chunk by chunk");
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadChunk(reader.Chunks.Count));
    }

    [Fact]
    public void Ten_thousand_messages_stream_from_a_file()
    {
        string path = McapSample.TempPath("big.mcap");
        try
        {
            var payload = new byte[200];
            using (var writer = McapWriter.Create(path, new McapWriterOptions { ChunkSize = 64 * 1024, SyncChunks = false }))
            {
                ushort channel = writer.AddChannel(0, "/data", "raw");
                for (int i = 0; i < 10_000; i++)
                {
                    BitConverter.TryWriteBytes(payload, i);
                    payload[100] = (byte)i;
                    writer.WriteMessage(channel, (uint)i, (ulong)i * 1000, (ulong)i * 1000, payload);
                }
            }
            using var reader = McapReader.Open(path);
            Assert.Null(reader.Recovery);
            Assert.Equal(10_000UL, reader.MessageCounts[1]);
            Assert.True(reader.Chunks.Count >= 20, $"{reader.Chunks.Count} chunks");
            int expected = 0;
            foreach (var message in reader.ReadMessages())
            {
                Assert.Equal(expected, BitConverter.ToInt32(message.Data.Span));
                Assert.Equal((byte)expected, message.Data.Span[100]);
                Assert.Equal((uint)expected, message.Sequence);
                expected++;
            }
            Assert.Equal(10_000, expected);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_without_messages_reads_as_empty()
    {
        using var stream = new MemoryStream();
        using (var writer = new McapWriter(stream, leaveOpen: true))
        {
            writer.AddChannel(0, "/nothing", "raw");
        }
        using var reader = McapSample.Read(stream.ToArray());
        Assert.Null(reader.Recovery);
        Assert.Empty(reader.Chunks);
        Assert.Empty(reader.ReadMessages());
        Assert.Single(reader.Channels);
        Assert.Empty(reader.MessageCounts);
    }
    [Fact]
    public void Chunks_may_each_name_their_own_compression()
    {
        using var stream = new MemoryStream();
        var written = new List<(ulong Time, byte[] Data)>();
        using (var writer = new McapWriter(stream, new McapWriterOptions { Compression = McapCompression.Zstd }, leaveOpen: true))
        {
            ushort channel = writer.AddChannel(0, "/mixed", "x");
            McapCompression[] order = [McapCompression.Lz4, McapCompression.Zstd, McapCompression.None, McapCompression.Lz4];
            for (int c = 0; c < order.Length; c++)
            {
                for (int i = 0; i < 50; i++)
                {
                    byte[] data = [.. Enumerable.Range(0, 40).Select(k => (byte)(k * (i + 1) + c))];
                    ulong time = (ulong)(c * 100 + i);
                    writer.WriteMessage(channel, (uint)written.Count, time, time, data);
                    written.Add((time, data));
                }
                writer.FlushChunk(order[c]);
            }
            Assert.Throws<ArgumentOutOfRangeException>(() => writer.FlushChunk((McapCompression)99));
        }
        using var reader = new McapReader(new MemoryStream(stream.ToArray()));
        Assert.Equal([McapCompression.Lz4, McapCompression.Zstd, McapCompression.None, McapCompression.Lz4], reader.Chunks.Select(c => c.Compression));
        var read = reader.ReadMessages().Select(m => (m.LogTime, m.Data.ToArray())).ToList();
        Assert.Equal(written.Count, read.Count);
        for (int i = 0; i < read.Count; i++)
        {
            Assert.Equal(written[i].Time, read[i].LogTime);
            Assert.Equal(written[i].Data, read[i].Item2);
        }
    }
}
