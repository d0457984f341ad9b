using System.Buffers.Binary;
using System.Text;

namespace FunctionsFlow.Storage.Codec;

/// <summary>The bytes an envelope is bound to besides its payload: its header and its context.</summary>
internal static class AssociatedData
{
    /// <summary>The authenticated header, then the instance id and the purpose, each as a 4-byte big-endian
    /// length and its UTF-8 bytes (the lengths keep ("ab", "c") and ("a", "bc") apart).</summary>
    public static byte[] Create(ReadOnlySpan<byte> authenticatedHeader, CodecContext context)
    {
        var instanceLength = Encoding.UTF8.GetByteCount(context.InstanceId);
        var purposeLength = Encoding.UTF8.GetByteCount(context.Purpose);
        var data = new byte[authenticatedHeader.Length + sizeof(int) + instanceLength + sizeof(int) + purposeLength];
        authenticatedHeader.CopyTo(data);
        var rest = data.AsSpan(authenticatedHeader.Length);
        rest = WriteString(rest, context.InstanceId, instanceLength);
        WriteString(rest, context.Purpose, purposeLength);
        return data;
    }

    private static Span<byte> WriteString(Span<byte> destination, string value, int length)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, length);
        Encoding.UTF8.GetBytes(value, destination[sizeof(int)..]);
        return destination[(sizeof(int) + length)..];
    }
}
