using Simulator.Tests.Shared;
using System.Diagnostics;
using System.Text.Json;
using Simulator.Recording.Mcap;
using Xunit.Abstractions;

namespace Simulator.Recording.Tests.Mcap;

/// <summary>The official TypeScript MCAP library (npm @mcap/core) reads what the writer wrote.</summary>
public class McapNodeConformanceTests(ITestOutputHelper output)
{
    private const string CorePackage = "@mcap/core@2.2.2";
    private const string ZstdPackage = "@foxglove/wasm-zstd@1.0.1";
    private const string Lz4Package = "@foxglove/wasm-lz4@1.0.2";

    [Theory]
    [InlineData(McapCompression.None)]
    [InlineData(McapCompression.Zstd)]
    [InlineData(McapCompression.Lz4)]
    public void The_official_reader_reads_every_message(McapCompression compression)
    {
        var sample = McapSample.Write(compression, count: 600);
        var result = Check(sample.Bytes, "indexed");
        var counts = sample.Messages.GroupBy(m => sample.TopicsById[m.ChannelId]).ToDictionary(g => g.Key, g => g.Count());
        uint checksum = Checksum(sample.Messages);
        foreach (string reader in new[] { "indexed", "stream" })
        {
            var r = result.GetProperty(reader);
            Assert.Equal(sample.Messages.Count, r.GetProperty("messages").GetInt32());
            foreach (var (topic, count) in counts)
            {
                Assert.Equal(count, r.GetProperty("counts").GetProperty(topic).GetInt32());
            }
            Assert.Equal(checksum, r.GetProperty("checksum").GetUInt32());
            Assert.Equal(["foxglove.RawImage", "sim.EgoState"], r.GetProperty("schemas").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(["calibration.json", "map.bin"], r.GetProperty("attachments").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(["run", "vehicle"], r.GetProperty("metadata").EnumerateArray().Select(e => e.GetString()));
        }
        var indexed = result.GetProperty("indexed");
        using var ours = McapSample.Read(sample.Bytes);
        Assert.Equal(ours.Chunks.Count, indexed.GetProperty("chunks").GetInt32());
        Assert.Equal(sample.Messages.Count, indexed.GetProperty("statisticsMessages").GetInt32());
        Assert.Equal("sim", indexed.GetProperty("profile").GetString());
        // Schema, Channel, ChunkIndex, AttachmentIndex, Statistics, MetadataIndex groups, each found where its offset says.
        Assert.Equal([3, 4, 8, 10, 11, 13], indexed.GetProperty("summaryOffsets").EnumerateArray().Select(e => e.GetInt32()));
        Assert.True(result.GetProperty("stream").GetProperty("done").GetBoolean());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("stream").GetProperty("error").ValueKind);
    }

    /// <summary>What @mcap/core's stream reader makes of a file cut in its fifth chunk (reported, and compared with ours).</summary>
    [Fact]
    public void The_official_stream_reader_reads_a_cut_off_file_up_to_its_last_complete_chunk()
    {
        var sample = McapSample.Write(McapCompression.Zstd, count: 600);
        using var intact = McapSample.Read(sample.Bytes);
        var fifth = intact.Chunks[4];
        int cut = (int)(fifth.Offset + (fifth.Length / 2));
        var result = Check(sample.Bytes.AsSpan(0, cut).ToArray(), "stream").GetProperty("stream");
        using var ours = McapSample.Read(sample.Bytes, cut);
        int oursCount = ours.ReadMessages().Count();
        output.WriteLine($"cut at {cut}: @mcap/core stream reader: {result.GetProperty("messages").GetInt32()} messages, done {result.GetProperty("done").GetBoolean()}, error {result.GetProperty("error")}; ours: {oursCount} messages, {ours.Recovery!.Reason}");
        Assert.Equal(oursCount, result.GetProperty("messages").GetInt32());
        Assert.False(result.GetProperty("done").GetBoolean());
    }

    /// <summary>Files written by @mcap/core's McapWriter (node/mcap-write.cjs): chunked (none, zstd) and unchunked.</summary>
    [Theory]
    [InlineData("chunked-none")]
    [InlineData("chunked-zstd")]
    [InlineData("unchunked")]
    public void Files_of_the_official_writer_read(string mode)
    {
        string modules = NodeModules();
        string file = McapSample.TempPath($"official-{mode}.mcap");
        try
        {
            string script = Path.Combine(AppContext.BaseDirectory, "node", "mcap-write.cjs");
            var (code, text) = Run("node", $"\"{script}\" \"{file}\" \"{modules}\" {mode}", TimeSpan.FromSeconds(60));
            Assert.True(code == 0, $"node mcap-write.cjs failed (exit {code}):\n{text}");
            using var reader = McapReader.Open(file);
            output.WriteLine($"{mode}: {reader.Chunks.Count} chunks, recovery: {reader.Recovery?.Reason ?? "none"}");
            Assert.Null(reader.Recovery);
            Assert.Equal("mcap-check", reader.Library);
            var even = reader.Channels.Values.Single(c => c.Topic == "/even");
            Assert.Equal("v", even.Metadata["k"]);
            Assert.Equal("test.Schema", reader.Schemas[even.SchemaId].Name);
            // Data points into the reader's chunk buffer: copy it while enumerating.
            var messages = reader.ReadMessages().Select(m => (m.Channel, m.Sequence, m.LogTime, m.PublishTime, Data: m.Data.ToArray())).ToList();
            Assert.Equal(500, messages.Count);
            for (int i = 0; i < messages.Count; i++)
            {
                var m = messages[i];
                Assert.Equal(i % 2 == 0 ? "/even" : "/odd", m.Channel.Topic);
                Assert.Equal((uint)i, m.Sequence);
                Assert.Equal(1000UL + (10UL * (ulong)i), m.LogTime);
                Assert.Equal((ulong)i, m.PublishTime);
                Assert.Equal(Enumerable.Range(0, i % 50).Select(k => (byte)((7 * i) + k)), m.Data);
            }
            Assert.Equal(250UL, reader.MessageCounts[even.Id]);
            Assert.Equal(["notes.txt"], reader.Attachments.Select(a => a.Name));
            Assert.Equal("hello", System.Text.Encoding.UTF8.GetString(reader.Attachments[0].Data.Span));
            Assert.Equal("b", reader.Metadata.Single(m => m.Name == "info").Values["a"]);
            Assert.Equal(200, reader.ReadMessages(2000, 4000).Count());
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A real episode recording (replay data, visual channels, camera frames) read by @mcap/core finds the same messages.</summary>
    [Fact]
    public void The_official_reader_reads_a_recorded_episode()
    {
        var env = new Driving.Env.DrivingEnv(Driving.Runtime.SceneCompiler.Load(Path.Combine(Replay.RecordingTestData.RepoRoot(), "scenes", "urban-loop.json")),
            new Driving.Env.EnvOptions { Autopilot = true });
        string path = McapSample.TempPath("episode.mcap");
        try
        {
            var obs = new float[env.Observation.VectorSize];
            env.Reset(3, obs);
            var pixels = new byte[48 * 32 * 4];
            using (var recorder = EpisodeRecorder.Start(path, env, 3, new RecorderOptions { CameraFrames = true, VisualHz = 10, SceneHz = 2 }))
            {
                for (int i = 0; i < 900; i++)
                {
                    var o = env.Step(default(Driving.Env.DrivingAction), obs);
                    recorder.Step(default, o);
                    if (i % 6 == 0)
                    {
                        pixels[i % pixels.Length] ^= 0x5a;
                        recorder.Frame(pixels, 48, 32, 4);
                    }
                }
                recorder.Complete();
            }
            using var reader = McapReader.Open(path);
            var counts = reader.MessageCounts.ToDictionary(kv => reader.Channels[kv.Key].Topic, kv => (int)kv.Value);
            uint checksum = 0;
            Span<byte> head = stackalloc byte[10];
            foreach (var m in reader.ReadMessages())
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(head, m.Channel.Id);
                System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(head[2..], m.LogTime);
                checksum = unchecked(checksum + Fnv(Fnv(2166136261, head), m.Data.Span));
            }
            var result = Check(File.ReadAllBytes(path), "indexed");
            foreach (string mode in new[] { "indexed", "stream" })
            {
                var r = result.GetProperty(mode);
                Assert.Equal(counts.Values.Sum(), r.GetProperty("messages").GetInt32());
                foreach (var (topic, count) in counts)
                {
                    Assert.Equal(count, r.GetProperty("counts").GetProperty(topic).GetInt32());
                }
                Assert.Equal(checksum, r.GetProperty("checksum").GetUInt32());
                Assert.Equal(["scene.json"], r.GetProperty("attachments").EnumerateArray().Select(e => e.GetString()));
                Assert.Equal(["sim.recording"], r.GetProperty("metadata").EnumerateArray().Select(e => e.GetString()));
            }
            Assert.Equal(150, counts["/camera/agent"]);
            Assert.Equal(30, counts["/sim/steps"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static uint Checksum(IEnumerable<WrittenMessage> messages)
    {
        uint sum = 0;
        Span<byte> head = stackalloc byte[10];
        foreach (var m in messages)
        {
            BitConverter.TryWriteBytes(head, m.ChannelId);
            BitConverter.TryWriteBytes(head[2..], m.LogTime);
            sum = unchecked(sum + Fnv(Fnv(2166136261, head), m.Data));
        }
        return sum;
    }

    private static uint Fnv(uint hash, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            hash = unchecked((hash ^ b) * 16777619);
        }
        return hash;
    }

    private JsonElement Check(byte[] bytes, string mode)
    {
        string modules = NodeModules();
        string file = McapSample.TempPath("node.mcap");
        File.WriteAllBytes(file, bytes);
        try
        {
            string script = Path.Combine(AppContext.BaseDirectory, "node", "mcap-check.cjs");
            var (code, text) = Run("node", $"\"{script}\" \"{file}\" \"{modules}\" {mode}", TimeSpan.FromSeconds(60));
            Assert.True(code == 0, $"node mcap-check.cjs failed (exit {code}):\n{text}");
            output.WriteLine(text.Trim());
            return JsonDocument.Parse(text.Trim().Split('\n')[^1]).RootElement.Clone();
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>node_modules with @mcap/core and the wasm decompressors (cache subfolder npm-mcap).</summary>
    private static string NodeModules() => NodePackages.Modules("npm-mcap", [CorePackage, ZstdPackage, Lz4Package],
        "@mcap/core/package.json", "@foxglove/wasm-zstd/package.json", "@foxglove/wasm-lz4/package.json");

    private static (int Code, string Output) Run(string file, string arguments, TimeSpan timeout) => NodePackages.Run(file, arguments, timeout);
}
