using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Simulator.Core;

namespace Simulator.Torch;

/// <summary>
/// Checks a zip archive (libtorch's pickle files are zips) before libtorch reads it: the end record and central
/// directory are in bounds and consistent, every entry's local header matches its directory record, and every entry's
/// data has the CRC-32 the directory stores. libtorch's reader does not check the CRCs, so without this one changed
/// byte in a weight loads as a wrong (e.g. NaN) value. Fields that no reader uses (timestamps, attributes, the
/// alignment padding in extra fields) are not covered by any checksum and are not checked.
/// </summary>
internal static class ZipIntegrity
{
    private const uint LocalSignature = 0x04034b50;
    private const uint CentralSignature = 0x02014b50;
    private const uint EndSignature = 0x06054b50;
    private const uint DescriptorSignature = 0x08074b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const int LocalHeaderSize = 30;
    private const int CentralHeaderSize = 46;
    private const int EndSize = 22;
    private const string Hint = "the file is damaged or incomplete: copy it again, or use another checkpoint";

    /// <summary>Throws a <see cref="SimInputException"/> naming <paramref name="file"/> and the entry at fault.</summary>
    public static void Verify(ReadOnlySpan<byte> zip, string? file)
    {
        long end = FindEnd(zip, file);
        long entries = U16(zip, end + 10);
        long directorySize = U32(zip, end + 12);
        long directoryOffset = U32(zip, end + 16);
        long directoryLimit = end;
        // libtorch's writer always adds the zip64 records (between the directory and the end record).
        bool zip64 = end >= 20 && U32(zip, end - 20) == Zip64LocatorSignature;
        if (zip64 || entries == 0xFFFF || directorySize == 0xFFFFFFFF || directoryOffset == 0xFFFFFFFF)
        {
            (entries, directorySize, directoryOffset, directoryLimit) = ReadZip64End(zip, end, file);
        }
        if (entries == 0)
        {
            throw Fail("the archive has no entries", file);
        }
        if (directoryOffset < 0 || directorySize < 0 || directoryOffset + directorySize != directoryLimit)
        {
            throw Fail("the archive's directory is not where its end record says (truncated or damaged)", file);
        }
        long at = directoryOffset;
        for (long i = 0; i < entries; i++)
        {
            if (at + CentralHeaderSize > directoryLimit || U32(zip, at) != CentralSignature)
            {
                throw Fail($"directory record {i + 1} of {entries} is damaged", file);
            }
            int nameLength = U16(zip, at + 28);
            int extraLength = U16(zip, at + 30);
            int commentLength = U16(zip, at + 32);
            long next = at + CentralHeaderSize + nameLength + extraLength + commentLength;
            if (next > directoryLimit)
            {
                throw Fail($"directory record {i + 1} of {entries} runs past the directory", file);
            }
            ReadOnlySpan<byte> name = zip.Slice((int)(at + CentralHeaderSize), nameLength);
            var entry = new Entry(
                Name: Printable(name),
                Flags: U16(zip, at + 8),
                Method: U16(zip, at + 10),
                Crc: (uint)U32(zip, at + 16),
                CompressedSize: U32(zip, at + 20),
                Size: U32(zip, at + 24),
                LocalOffset: U32(zip, at + 42),
                ExternalAttributes: U32(zip, at + 38));
            entry = ApplyZip64(zip.Slice((int)(at + CentralHeaderSize + nameLength), extraLength), entry, file);
            CheckEntry(zip, name, entry, directoryOffset, file);
            at = next;
        }
        if (at != directoryLimit)
        {
            throw Fail($"the archive's directory holds more than its {entries} records (damaged)", file);
        }
    }

    private readonly record struct Entry(string Name, int Flags, int Method, uint Crc, long CompressedSize, long Size, long LocalOffset,
        long ExternalAttributes);

    private static void CheckEntry(ReadOnlySpan<byte> zip, ReadOnlySpan<byte> name, Entry e, long dataLimit, string? file)
    {
        if ((e.Flags & 0x61) != 0)
        {
            throw Fail($"entry '{e.Name}' is marked as encrypted or patched, which libtorch cannot read", file);
        }
        // libtorch's zip reader treats such an entry as a folder and "reads" it as no bytes: uninitialized tensors.
        if ((e.ExternalAttributes & 0x10) != 0 || name.EndsWith("/"u8))
        {
            throw Fail($"entry '{e.Name}' is marked as a folder", file);
        }
        long at = e.LocalOffset;
        if (at < 0 || at + LocalHeaderSize > dataLimit || U32(zip, at) != LocalSignature)
        {
            throw Fail($"entry '{e.Name}': its header is missing or damaged", file);
        }
        int nameLength = U16(zip, at + 26);
        int extraLength = U16(zip, at + 28);
        long data = at + LocalHeaderSize + nameLength + extraLength;
        if (data > dataLimit || !zip.Slice((int)(at + LocalHeaderSize), nameLength).SequenceEqual(name))
        {
            throw Fail($"entry '{e.Name}': its header does not match the archive's directory", file);
        }
        // With flag bit 3 the local header may leave CRC and sizes zero (they follow the data); otherwise they must agree.
        bool deferred = (e.Flags & 0x8) != 0;
        if (U16(zip, at + 8) != e.Method
            || (!deferred && (uint)U32(zip, at + 14) != e.Crc)
            || (!deferred && e.CompressedSize < 0xFFFFFFFF && U32(zip, at + 18) != e.CompressedSize)
            || (!deferred && e.Size < 0xFFFFFFFF && U32(zip, at + 22) != e.Size))
        {
            throw Fail($"entry '{e.Name}': its header does not match the archive's directory", file);
        }
        if (e.CompressedSize > dataLimit - data)
        {
            throw Fail($"entry '{e.Name}' runs past the end of its data (truncated or damaged)", file);
        }
        ReadOnlySpan<byte> stored = zip.Slice((int)data, (int)e.CompressedSize);
        uint crc;
        if (e.Method == 0)
        {
            if (e.Size != e.CompressedSize)
            {
                throw Fail($"entry '{e.Name}': its sizes disagree", file);
            }
            crc = Crc32.Compute(stored);
        }
        else if (e.Method == 8)
        {
            crc = InflatedCrc(stored, e, file);
        }
        else
        {
            throw Fail($"entry '{e.Name}' uses compression method {e.Method}, which libtorch cannot read", file);
        }
        if (crc != e.Crc)
        {
            throw Fail($"entry '{e.Name}' fails its CRC-32 check (stored {e.Crc:x8}, computed {crc:x8})", file);
        }
        if (deferred)
        {
            // The descriptor after the data (libtorch writes one: optional signature, CRC, sizes) repeats the CRC.
            long descriptor = data + e.CompressedSize;
            if (descriptor + 8 <= dataLimit && U32(zip, descriptor) == DescriptorSignature)
            {
                descriptor += 4;
            }
            if (descriptor + 4 > dataLimit || (uint)U32(zip, descriptor) != e.Crc)
            {
                throw Fail($"entry '{e.Name}': its data descriptor does not match the archive's directory", file);
            }
        }
    }

    private static unsafe uint InflatedCrc(ReadOnlySpan<byte> stored, Entry e, string? file)
    {
        fixed (byte* p = stored)
        {
            using var source = new UnmanagedMemoryStream(p, stored.Length);
            using var inflate = new DeflateStream(source, CompressionMode.Decompress);
            var buffer = new byte[81920];
            uint crc = 0;
            long total = 0;
            try
            {
                int n;
                while ((n = inflate.Read(buffer)) > 0 && total <= e.Size)
                {
                    crc = Crc32.Append(crc, buffer.AsSpan(0, n));
                    total += n;
                }
            }
            catch (InvalidDataException)
            {
                throw Fail($"entry '{e.Name}': its compressed data is damaged", file);
            }
            if (total != e.Size)
            {
                throw Fail($"entry '{e.Name}': it inflates to {total} bytes, not the {e.Size} its directory says", file);
            }
            return crc;
        }
    }

    // The end record is the last 22 bytes plus an optional comment; a truncated file has none where it should be.
    private static long FindEnd(ReadOnlySpan<byte> zip, string? file)
    {
        long lowest = Math.Max(0, zip.Length - EndSize - 0xFFFF);
        for (long at = zip.Length - EndSize; at >= lowest; at--)
        {
            if (U32(zip, at) == EndSignature && at + EndSize + U16(zip, at + 20) == zip.Length)
            {
                if (U16(zip, at + 4) != 0 || U16(zip, at + 6) != 0 || U16(zip, at + 8) != U16(zip, at + 10))
                {
                    throw Fail("the archive's end record is damaged (or it spans several disks)", file);
                }
                return at;
            }
        }
        throw Fail(zip.Length == 0 ? "the file is empty" : "not a complete zip archive (no end record: truncated, or not a model file)", file);
    }

    private static (long Entries, long DirectorySize, long DirectoryOffset, long DirectoryLimit) ReadZip64End(ReadOnlySpan<byte> zip, long end, string? file)
    {
        long locator = end - 20;
        if (locator < 0 || U32(zip, locator) != Zip64LocatorSignature)
        {
            throw Fail("the archive's end record is damaged (zip64 locator missing)", file);
        }
        long record = U64(zip, locator + 8);
        if (record < 0 || record + 56 > locator || U32(zip, record) != Zip64EndSignature)
        {
            throw Fail("the archive's zip64 end record is missing or damaged", file);
        }
        return (U64(zip, record + 32), U64(zip, record + 40), U64(zip, record + 48), record);
    }

    // Values the 32-bit fields cannot hold are in the zip64 extra field (id 1), in this order, only those that overflowed.
    private static Entry ApplyZip64(ReadOnlySpan<byte> extra, Entry e, string? file)
    {
        if (e.Size != 0xFFFFFFFF && e.CompressedSize != 0xFFFFFFFF && e.LocalOffset != 0xFFFFFFFF)
        {
            return e;
        }
        int at = 0;
        while (at + 4 <= extra.Length)
        {
            int id = BinaryPrimitives.ReadUInt16LittleEndian(extra[at..]);
            int length = BinaryPrimitives.ReadUInt16LittleEndian(extra[(at + 2)..]);
            if (at + 4 + length > extra.Length)
            {
                break;
            }
            if (id == 1)
            {
                ReadOnlySpan<byte> values = extra.Slice(at + 4, length);
                int need = 8 * ((e.Size == 0xFFFFFFFF ? 1 : 0) + (e.CompressedSize == 0xFFFFFFFF ? 1 : 0) + (e.LocalOffset == 0xFFFFFFFF ? 1 : 0));
                if (values.Length < need)
                {
                    throw Fail($"entry '{e.Name}': its zip64 sizes are damaged", file);
                }
                int v = 0;
                long size = e.Size, compressed = e.CompressedSize, offset = e.LocalOffset;
                if (size == 0xFFFFFFFF)
                {
                    size = U64(values, v);
                    v += 8;
                }
                if (compressed == 0xFFFFFFFF)
                {
                    compressed = U64(values, v);
                    v += 8;
                }
                if (offset == 0xFFFFFFFF)
                {
                    offset = U64(values, v);
                }
                return e with { Size = size, CompressedSize = compressed, LocalOffset = offset };
            }
            at += 4 + length;
        }
        throw Fail($"entry '{e.Name}': its zip64 sizes are missing", file);
    }

    private static SimInputException Fail(string problem, string? file) =>
        new($"corrupt archive: {problem}", file: file, hint: Hint);

    // Entry names come from the file: show them on one line whatever bytes a damage left in them.
    private static string Printable(ReadOnlySpan<byte> name)
    {
        string text = Encoding.UTF8.GetString(name);
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            sb.Append(char.IsControl(c) || c == '\uFFFD' ? '?' : c);
        }
        return sb.ToString();
    }

    private static int U16(ReadOnlySpan<byte> zip, long at) => BinaryPrimitives.ReadUInt16LittleEndian(zip.Slice((int)at, 2));

    private static long U32(ReadOnlySpan<byte> zip, long at) => BinaryPrimitives.ReadUInt32LittleEndian(zip.Slice((int)at, 4));

    // Clamped far above any length a span can have, so sums of a few such values cannot overflow.
    private static long U64(ReadOnlySpan<byte> zip, long at) => (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(zip.Slice((int)at, 8)), 1UL << 40);
}
