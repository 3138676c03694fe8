using Simulator.Core;
using System.Buffers.Binary;
using System.Text;

namespace Simulator.Learning.Runs;

/// <summary>
/// Writes TensorBoard event files (events.out.tfevents.*) without TensorFlow: TFRecord framing (u64 length,
/// masked CRC-32C of the length, the record, masked CRC-32C of the record) around hand-encoded Event protobufs
/// (wall_time = 1, step = 2, file_version = 3, summary = 5; Summary.value = 1; Value.tag = 1, simple_value = 2).
/// Append-only and flushed per call, so a kill loses at most the record being written.
/// </summary>
public sealed class TensorBoardWriter : IDisposable
{
    private readonly FileStream _file;
    private readonly Func<double> _wallTime;
    private readonly MemoryStream _event = new();
    private readonly MemoryStream _summary = new();

    /// <summary>Opens (appends to) <paramref name="path"/>; <paramref name="wallTime"/> gives seconds since 1970
    /// (only for TensorBoard's time axis; defaults to the system clock).</summary>
    public TensorBoardWriter(string path, Func<double>? wallTime = null)
    {
        _wallTime = wallTime ?? (() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0);
        SafeFile.PrepareTarget(path);
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
