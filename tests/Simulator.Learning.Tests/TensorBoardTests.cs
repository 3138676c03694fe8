using System.Buffers.Binary;
using System.Text;
using Simulator.Learning.Runs;

namespace Simulator.Learning.Tests;

public class TensorBoardTests
{
    [Fact]
    public void Crc32C_matches_the_standard_check_value()
    {
        // The CRC-32C check value of "123456789" (RFC 3720, appendix B.4).
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0xE3069283u, Crc32C.Unmask(Crc32C.Mask(0xE3069283u)));
    }

    [Fact]
    public void Event_file_round_trips_with_valid_crcs()
    {
        string path = Path.Combine(Path.GetTempPath(), $"tfevents-{Guid.NewGuid():N}");
        try
        {
            using (var w = new TensorBoardWriter(path, () => 1234.5))
            {
                w.Scalars(10, [("train/loss", 0.25), ("eval/lap", 1.0)]);
                w.Scalars(20, [("train/loss", 0.125), ("skipped", double.NaN)]);
            }
            var records = ReadRecords(File.ReadAllBytes(path));
            Assert.Equal(3, records.Count);
            var first = Decode(records[0]);
            Assert.Equal("brain.Event:2", first.FileVersion);
            Assert.Equal(1234.5, first.WallTime);
            var second = Decode(records[1]);
            Assert.Equal(10, second.Step);
            Assert.Equal([("train/loss", 0.25f), ("eval/lap", 1.0f)], second.Values);
            var third = Decode(records[2]);
            Assert.Equal(20, third.Step);
            Assert.Equal([("train/loss", 0.125f)], third.Values);

            // A flipped bit in the data is caught by the record's CRC.
            byte[] bytes = File.ReadAllBytes(path);
            bytes[^6] ^= 0x40;
            Assert.Throws<InvalidDataException>(() => ReadRecords(bytes));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Reopening_drops_a_torn_record_and_on_resume_every_step_past_the_checkpoint()
    {
        string path = Path.Combine(Path.GetTempPath(), $"tfevents-{Guid.NewGuid():N}");
        try
        {
            using (var w = new TensorBoardWriter(path, () => 1.0))
            {
                foreach (long step in new long[] { 10, 20, 30, 40 })
                {
                    w.Scalars(step, [("train/loss", step)]);
                }
            }
            long whole = new FileInfo(path).Length;
            // A kill in the middle of a record leaves part of it.
            byte[] torn = File.ReadAllBytes(path).AsSpan(0, 30).ToArray();
            using (var f = new FileStream(path, FileMode.Append))
            {
                f.Write(torn);
            }
            using (new TensorBoardWriter(path, () => 1.0))
            {
            }
            Assert.Equal(whole, new FileInfo(path).Length);
            // Resumed from the checkpoint at step 20: 30 and 40 are written again, once.
            using (var w = new TensorBoardWriter(path, () => 1.0, keepUpToStep: 20))
            {
                w.Scalars(30, [("train/loss", 31)]);
                w.Scalars(40, [("train/loss", 41)]);
            }
            var records = ReadRecords(File.ReadAllBytes(path)).Select(Decode).ToList();
            Assert.Equal("brain.Event:2", records[0].FileVersion);
            Assert.Equal([10L, 20, 30, 40], records.Skip(1).Select(r => r.Step));
            Assert.Equal(31f, records[3].Values[0].Item2);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static List<byte[]> ReadRecords(byte[] file)
    {
        var records = new List<byte[]>();
        int at = 0;
        while (at < file.Length)
        {
            ReadOnlySpan<byte> span = file.AsSpan(at);
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(span);
            if (Crc32C.Unmask(BinaryPrimitives.ReadUInt32LittleEndian(span[8..])) != Crc32C.Compute(span[..8]))
            {
                throw new InvalidDataException("length CRC");
            }
            byte[] data = span.Slice(12, (int)length).ToArray();
            if (Crc32C.Unmask(BinaryPrimitives.ReadUInt32LittleEndian(span[(12 + (int)length)..])) != Crc32C.Compute(data))
            {
                throw new InvalidDataException("data CRC");
            }
            records.Add(data);
            at += 12 + (int)length + 4;
        }
        return records;
    }

    private sealed record Event(double WallTime, long Step, string? FileVersion, List<(string, float)> Values);

    private static Event Decode(byte[] data)
    {
        double wall = 0;
        long step = 0;
        string? version = null;
        var values = new List<(string, float)>();
        foreach (var (field, wire, raw, varint) in Fields(data))
        {
            switch (field)
            {
                case 1 when wire == 1: wall = BinaryPrimitives.ReadDoubleLittleEndian(raw); break;
                case 2 when wire == 0: step = (long)varint; break;
                case 3 when wire == 2: version = Encoding.UTF8.GetString(raw); break;
                case 5 when wire == 2:
                    foreach (var (vf, _, vraw, _) in Fields(raw))
                    {
                        Assert.Equal(1, vf);
                        string tag = "";
                        float value = float.NaN;
                        foreach (var (f, w, r, _) in Fields(vraw))
                        {
                            if (f == 1 && w == 2) tag = Encoding.UTF8.GetString(r);
                            if (f == 2 && w == 5) value = BinaryPrimitives.ReadSingleLittleEndian(r);
                        }
                        values.Add((tag, value));
                    }
                    break;
                default: throw new InvalidDataException($"unexpected field {field}/{wire}");
            }
        }
        return new Event(wall, step, version, values);
    }

    private static List<(int Field, int Wire, byte[] Raw, ulong Varint)> Fields(byte[] data)
    {
        var result = new List<(int, int, byte[], ulong)>();
        int at = 0;
        while (at < data.Length)
        {
            ulong key = Varint(data, ref at);
            int field = (int)(key >> 3), wire = (int)(key & 7);
            switch (wire)
            {
                case 0: result.Add((field, wire, [], Varint(data, ref at))); break;
                case 1: result.Add((field, wire, data[at..(at + 8)], 0)); at += 8; break;
                case 5: result.Add((field, wire, data[at..(at + 4)], 0)); at += 4; break;
                case 2:
                    int len = (int)Varint(data, ref at);
                    result.Add((field, wire, data[at..(at + len)], 0));
                    at += len;
                    break;
                default: throw new InvalidDataException($"wire type {wire}");
            }
        }
        return result;
    }

    private static ulong Varint(byte[] data, ref int at)
    {
        ulong v = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = data[at++];
            v |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return v;
            }
        }
    }
}
