using Simulator.Core;
using System.Buffers.Binary;
using System.Text;

namespace Simulator.Learning.Runs;

/// <summary>
/// Writes TensorBoard event files (events.out.tfevents.*) without TensorFlow: TFRecord framing (u64 length,
/// masked CRC-32C of the length, the record, masked CRC-32C of the record) around hand-encoded Event protobufs
/// (wall_time = 1, step = 2, file_version = 3, summary = 5; Summary.value = 1; Value.tag = 1, simple_value = 2).
/// Append-only and flushed per call, so a kill loses at most the record being written. Opening an existing file
/// drops a torn last record and, on resume, every record past the checkpoint's step (work the kill threw away), so
/// each step appears once.
/// </summary>
public sealed class TensorBoardWriter : IDisposable
{
    private readonly FileStream _file;
    private readonly Func<double> _wallTime;
    private readonly MemoryStream _event = new();
    private readonly MemoryStream _summary = new();

    /// <summary>Opens (appends to) <paramref name="path"/>; <paramref name="wallTime"/> gives seconds since 1970
    /// (only for TensorBoard's time axis; defaults to the system clock). With <paramref name="keepUpToStep"/>, records
    /// of later steps are removed first.</summary>
    public TensorBoardWriter(string path, Func<double>? wallTime = null, long? keepUpToStep = null)
    {
        _wallTime = wallTime ?? (() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0);
        SafeFile.PrepareTarget(path);
        if (File.Exists(path))
        {
            byte[] bytes = File.ReadAllBytes(path);
            int keep = KeptLength(bytes, keepUpToStep ?? long.MaxValue);
            if (keep < bytes.Length)
            {
                SafeFile.WriteAllBytes(path, bytes.AsSpan(0, keep));
            }
        }
        bool fresh = !File.Exists(path) || new FileInfo(path).Length == 0;
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        Path = path;
        if (fresh)
        {
            _event.SetLength(0);
            WriteDouble(_event, 1, _wallTime());
            WriteBytes(_event, 3, Encoding.UTF8.GetBytes("brain.Event:2"));
            WriteRecord(_event.GetBuffer().AsSpan(0, (int)_event.Length));
        }
    }

    public string Path { get; }

    /// <summary>Default file name inside a run folder (TensorBoard picks up any name containing "tfevents").</summary>
    public static string FileName(string host = "sim") => $"events.out.tfevents.0.{host}";

    /// <summary>Writes one Event holding scalar summaries for <paramref name="step"/>.</summary>
    public void Scalars(long step, ReadOnlySpan<(string Tag, double Value)> values)
    {
        _summary.SetLength(0);
        foreach (var (tag, value) in values)
        {
            if (!double.IsFinite(value))
            {
                continue; // TensorBoard plots NaN as a gap anyway; leaving it out keeps other readers simple.
            }
            var item = new MemoryStream();
            WriteBytes(item, 1, Encoding.UTF8.GetBytes(tag));
            WriteFloat(item, 2, (float)value);
            WriteBytes(_summary, 1, item.ToArray());
        }
        _event.SetLength(0);
        WriteDouble(_event, 1, _wallTime());
        WriteVarintField(_event, 2, (ulong)step);
        WriteBytes(_event, 5, _summary.ToArray());
        WriteRecord(_event.GetBuffer().AsSpan(0, (int)_event.Length));
    }

    /// <summary>Length of the prefix of whole, intact records whose step is at most <paramref name="maxStep"/>.</summary>
    internal static int KeptLength(ReadOnlySpan<byte> file, long maxStep)
    {
        int at = 0;
        while (file.Length - at >= 12)
        {
            ReadOnlySpan<byte> rest = file[at..];
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(rest);
            if (Crc32C.Unmask(BinaryPrimitives.ReadUInt32LittleEndian(rest[8..])) != Crc32C.Compute(rest[..8])
                || rest.Length < 16 || length > (ulong)(rest.Length - 16))
            {
                break;
            }
            ReadOnlySpan<byte> data = rest.Slice(12, (int)length);
            if (Crc32C.Unmask(BinaryPrimitives.ReadUInt32LittleEndian(rest[(12 + (int)length)..])) != Crc32C.Compute(data)
                || Step(data) > maxStep)
            {
                break;
            }
            at += 16 + (int)length;
        }
        return at;
    }

    /// <summary>The Event's step field (0 when absent, as in the file_version record).</summary>
    private static long Step(ReadOnlySpan<byte> data)
    {
        int at = 0;
        while (at < data.Length)
        {
            ulong key = ReadVarint(data, ref at);
            switch (key & 7)
            {
                case 0:
                    ulong v = ReadVarint(data, ref at);
                    if (key >> 3 == 2)
                    {
                        return (long)v;
                    }
                    break;
                case 1:
                    at += 8;
                    break;
                case 2:
                    at += (int)ReadVarint(data, ref at);
                    break;
                case 5:
                    at += 4;
                    break;
                default:
                    return long.MaxValue; // not an Event this writer made: treat as past any step
            }
        }
        return 0;
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int at)
    {
        ulong v = 0;
        for (int shift = 0; at < data.Length && shift < 64; shift += 7)
        {
            byte b = data[at++];
            v |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                break;
            }
        }
        return v;
    }

    private void WriteRecord(ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Crc32C.Mask(Crc32C.Compute(header[..8])));
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, Crc32C.Mask(Crc32C.Compute(data)));
        _file.Write(header);
        _file.Write(data);
        _file.Write(footer);
        _file.Flush();
    }

    private static void WriteTag(Stream s, int field, int wireType) => WriteVarint(s, (ulong)((field << 3) | wireType));

    private static void WriteVarint(Stream s, ulong v)
    {
        while (v >= 0x80)
        {
            s.WriteByte((byte)(v | 0x80));
            v >>= 7;
        }
        s.WriteByte((byte)v);
    }

    private static void WriteVarintField(Stream s, int field, ulong v)
    {
        WriteTag(s, field, 0);
        WriteVarint(s, v);
    }

    private static void WriteDouble(Stream s, int field, double v)
    {
        WriteTag(s, field, 1);
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(b, v);
        s.Write(b);
    }

    private static void WriteFloat(Stream s, int field, float v)
    {
        WriteTag(s, field, 5);
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(b, v);
        s.Write(b);
    }

    private static void WriteBytes(Stream s, int field, ReadOnlySpan<byte> bytes)
    {
        WriteTag(s, field, 2);
        WriteVarint(s, (ulong)bytes.Length);
        s.Write(bytes);
    }

    public void Dispose()
    {
        _file.Dispose();
        _event.Dispose();
        _summary.Dispose();
    }
}
