using Simulator.Recording.Mcap;

namespace Simulator.Recording.Tests.Mcap;

/// <summary>A message as written, kept for comparison with what a reader returns.</summary>
internal sealed record WrittenMessage(ushort ChannelId, uint Sequence, ulong LogTime, ulong PublishTime, byte[] Data)
{
    public static WrittenMessage Of(McapMessage m) => new(m.Channel.Id, m.Sequence, m.LogTime, m.PublishTime, m.Data.ToArray());

    public bool Same(WrittenMessage other) => ChannelId == other.ChannelId && Sequence == other.Sequence && LogTime == other.LogTime
        && PublishTime == other.PublishTime && Data.AsSpan().SequenceEqual(other.Data);
}

/// <summary>A written test file and everything that went into it.</summary>
internal sealed class McapSample
{
    public static readonly string[] Topics = ["/ego/state", "/camera/front", "/lidar"];

    public required byte[] Bytes { get; init; }
    public required List<WrittenMessage> Messages { get; init; }
    public required Dictionary<ushort, string> TopicsById { get; init; }

    /// <summary>
    /// Two schemas, three channels with metadata (the third added midway), <paramref name="count"/> messages of varying
    /// size with timestamps 1000 + 10 i, two attachments and two metadata records, chunks of about <paramref name="chunkSize"/> bytes.
    /// </summary>
    public static McapSample Write(McapCompression compression, int count = 400, int chunkSize = 2048, int seed = 1)
    {
        var random = new Random(seed);
        var messages = new List<WrittenMessage>(count);
        var topics = new Dictionary<ushort, string>();
        using var stream = new MemoryStream();
        using (var writer = new McapWriter(stream, new McapWriterOptions { Compression = compression, ChunkSize = chunkSize, Profile = "sim", Library = "tests" }, leaveOpen: true))
        {
            ushort state = writer.AddSchema("sim.EgoState", "jsonschema", """{"type":"object"}"""u8);
            ushort image = writer.AddSchema("foxglove.RawImage", "jsonschema", """{"type":"object","title":"image"}"""u8);
            var channels = new List<ushort>
            {
                writer.AddChannel(state, Topics[0], "json", new Dictionary<string, string> { ["frame"] = "ego", ["rate"] = "50" }),
                writer.AddChannel(image, Topics[1], "cdr"),
            };
            topics[channels[0]] = Topics[0];
            topics[channels[1]] = Topics[1];
            writer.WriteMetadata("run", new Dictionary<string, string> { ["seed"] = "7", ["scene"] = "oval" });
            for (int i = 0; i < count; i++)
            {
                if (i == count / 2)
                {
                    ushort lidar = writer.AddChannel(0, Topics[2], "raw", new Dictionary<string, string> { ["unit"] = "m" });
                    channels.Add(lidar);
                    topics[lidar] = Topics[2];
                    writer.WriteAttachment("calibration.json", "application/json", 5, 6, """{"fx":500}"""u8);
                }
                if (i == count / 3)
                {
                    writer.WriteMetadata("vehicle", new Dictionary<string, string> { ["model"] = "sedan" });
                }
                ushort channel = channels[random.Next(channels.Count)];
                var data = new byte[random.Next(0, 120)];
                for (int b = 0; b < data.Length; b++)
                {
                    // Compressible but not constant.
                    data[b] = (byte)((b * 3) + (random.Next(4) == 0 ? random.Next(256) : i));
                }
                var message = new WrittenMessage(channel, (uint)i, 1000 + ((ulong)i * 10), 2000 + (ulong)i, data);
                messages.Add(message);
                writer.WriteMessage(channel, message.Sequence, message.LogTime, message.PublishTime, data);
            }
            writer.WriteAttachment("map.bin", "application/octet-stream", 1, 2, [1, 2, 3, 4, 5]);
        }
        return new McapSample { Bytes = stream.ToArray(), Messages = messages, TopicsById = topics };
    }

    public static McapReader Read(byte[] bytes, int length = -1) =>
        new(new MemoryStream(bytes, 0, length < 0 ? bytes.Length : length, writable: false));

    public static List<WrittenMessage> All(McapReader reader) => reader.ReadMessages().Select(WrittenMessage.Of).ToList();

    public static void AssertSame(IReadOnlyList<WrittenMessage> expected, IReadOnlyList<WrittenMessage> actual, string context)
    {
        Assert.True(expected.Count == actual.Count, $"{context}: {actual.Count} messages instead of {expected.Count}");
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].Same(actual[i]), $"{context}: message {i} differs (expected seq {expected[i].Sequence}, got {actual[i].Sequence})");
        }
    }

    /// <summary>A deterministic temporary file path (the file does not exist yet).</summary>
    public static string TempPath(string name) =>
        Path.Combine(Path.GetTempPath(), $"sim-mcap-{Environment.ProcessId}-{Guid.NewGuid():N}-{name}");
}
