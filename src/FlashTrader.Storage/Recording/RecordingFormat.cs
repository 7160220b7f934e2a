namespace FlashTrader.Storage.Recording;

/// <summary>
/// Layout of a FlashTrader recording (all integers little-endian):
/// <code>
/// file   := magic(8) version(u16) headerLength(u32) headerJson headerCrc32(u32) block*
/// block  := "FTBK"(4) codec(u8) reserved(3) payloadLength(u32) rawLength(u32) eventCount(u32)
///           firstExchangeNs(i64) lastExchangeNs(i64) crc32(u32 over the 36 bytes before it and the payload) payload
/// </code>
/// Each block decodes on its own (delta state resets per block), so a damaged block is reported by its offset and a
/// block cut short by a crash loses only that block. Each block names its own codec, so a reader handles any mix.
/// Events inside a block: version 2 (written now) the compact layout of <see cref="BlockEventEncoder"/>; version 1
/// (recordings written before it) the same fields as absolute zigzag varints. Both stay readable.
/// </summary>
public static class RecordingFormat
{
    public const int CurrentVersion = 2;

    /// <summary>Version 1 recordings (absolute values in every event) are still read.</summary>
    public const int OldestReadableVersion = 1;

    /// <summary>"FTREC", NUL, CR, LF: a file mangled by text-mode tools fails the magic check.</summary>
    public static ReadOnlySpan<byte> FileMagic => "FTREC\0\r\n"u8;

    public static ReadOnlySpan<byte> BlockMagic => "FTBK"u8;

    public const int BlockHeaderLength = 40;

    /// <summary>Raw bytes gathered before a block is compressed and written.</summary>
    public const int DefaultBlockRawBytes = 64 * 1024;

    /// <summary>Sanity bound while reading: no writer produces blocks this large.</summary>
    public const int MaxBlockBytes = 64 * 1024 * 1024;

    public static string DefaultExtension => ".ftrec";
}

/// <summary>How a block's payload is compressed; stored per block, so one reader handles files of any mix.</summary>
public enum RecordingCodec : byte
{
    None = 0,

    /// <summary>The default before LZ4: smallest files, but decompressing costs more than decoding the events.</summary>
    Brotli = 1,

    /// <summary>The default: LZ4 block format, decompressed several times faster than Brotli for somewhat larger files.</summary>
    Lz4 = 2,
}

/// <summary>Tags of <see cref="Core.Market.MarketEventKind.RawFrame"/> payloads: which decoder reads them.</summary>
public static class RawFrameTag
{
    /// <summary>A MEXC WebSocket binary frame (one PushDataV3ApiWrapper).</summary>
    public const long MexcProtobuf = 1;

    /// <summary>A MEXC REST /api/v3/depth JSON body.</summary>
    public const long MexcDepthSnapshotJson = 2;
}
