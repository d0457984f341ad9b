namespace FunctionsFlow.Storage.Codec;

/// <summary>The flags byte of an envelope.</summary>
/// <remarks>Bit 0: encrypted. Bit 1: checksum. Bits 2-3: compression algorithm (0 none, 1 Brotli, 2 Brotli in
/// independent chunks, 3 reserved). Bits 4-7: reserved, zero. Exactly one of encrypted and checksum is set.</remarks>
[Flags]
internal enum EnvelopeFlags : byte
{
    None = 0,
    Encrypted = 0x01,
    Checksum = 0x02,
    Brotli = 0x04,
    BrotliChunks = 0x08,
}
