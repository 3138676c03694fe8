namespace Simulator.Recording.Mcap;

/// <summary>Record opcodes and fixed sizes of the MCAP specification (https://mcap.dev/spec).</summary>
internal static class McapOpcode
{
    public const byte Header = 0x01;
    public const byte Footer = 0x02;
    public const byte Schema = 0x03;
    public const byte Channel = 0x04;
    public const byte Message = 0x05;
    public const byte Chunk = 0x06;
    public const byte MessageIndex = 0x07;
    public const byte ChunkIndex = 0x08;
    public const byte Attachment = 0x09;
    public const byte AttachmentIndex = 0x0A;
    public const byte Statistics = 0x0B;
    public const byte Metadata = 0x0C;
    public const byte MetadataIndex = 0x0D;
    public const byte SummaryOffset = 0x0E;
    public const byte DataEnd = 0x0F;

    /// <summary>Opcode byte plus the u64 content length.</summary>
    public const int RecordHeaderSize = 9;
    /// <summary>Footer content: summary_start, summary_offset_start, summary_crc.</summary>
    public const int FooterContentSize = 20;
    /// <summary>Message content before its data: channel id, sequence, log time, publish time.</summary>
    public const int MessageFixedSize = 2 + 4 + 8 + 8;

    /// <summary>0x89 "MCAP0\r\n": the first and last eight bytes of every file.</summary>
    public static ReadOnlySpan<byte> Magic => [0x89, (byte)'M', (byte)'C', (byte)'A', (byte)'P', (byte)'0', (byte)'\r', (byte)'\n'];

    public static string CompressionName(McapCompression compression) => compression switch
    {
        McapCompression.Zstd => "zstd",
        McapCompression.Lz4 => "lz4",
        _ => "",
    };

    public static bool TryParseCompression(string name, out McapCompression compression)
    {
        switch (name)
        {
            case "":
                compression = McapCompression.None;
                return true;
            case "zstd":
                compression = McapCompression.Zstd;
                return true;
            case "lz4":
                compression = McapCompression.Lz4;
                return true;
            default:
                compression = McapCompression.None;
                return false;
        }
    }
}
