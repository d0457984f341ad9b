using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace FunctionsFlow.Storage.Codec;

/// <summary>JSON conveniences: serialize, then encode; decode, then deserialize.</summary>
public sealed partial class StateCodec
{
    private static readonly JsonSerializerOptions DefaultJsonOptions = CreateDefaultJsonOptions();

    /// <summary>Serializes a value to JSON and encodes it. Without <paramref name="options"/>, references are
    /// preserved (<see cref="ReferenceHandler.Preserve"/>), so object graphs with cycles round-trip.</summary>
    public byte[] EncodeJson<T>(T value, CodecContext context, JsonSerializerOptions? options = null) =>
        EncodeUtf8(JsonSerializer.SerializeToUtf8Bytes(value, options ?? DefaultJsonOptions), context);

    /// <summary>Serializes a value with the given type metadata (for example source-generated) and encodes it.</summary>
    public byte[] EncodeJson<T>(T value, CodecContext context, JsonTypeInfo<T> typeInfo) =>
        EncodeUtf8(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), context);

    /// <summary>Decodes an envelope and deserializes its JSON, with the same options it was encoded with.</summary>
    /// <exception cref="StateCodecException">The envelope cannot be decoded.</exception>
    /// <exception cref="JsonException">The plaintext is not JSON of <typeparamref name="T"/>.</exception>
    public T? DecodeJson<T>(ReadOnlySpan<byte> envelope, CodecContext context, JsonSerializerOptions? options = null) =>
        DecodeUtf8(envelope, context, json => JsonSerializer.Deserialize<T>(json, options ?? DefaultJsonOptions));

    /// <summary>Decodes an envelope and deserializes its JSON with the given type metadata.</summary>
    /// <exception cref="StateCodecException">The envelope cannot be decoded.</exception>
    /// <exception cref="JsonException">The plaintext is not JSON of <typeparamref name="T"/>.</exception>
    public T? DecodeJson<T>(ReadOnlySpan<byte> envelope, CodecContext context, JsonTypeInfo<T> typeInfo) =>
        DecodeUtf8(envelope, context, json => JsonSerializer.Deserialize(json, typeInfo));

    private byte[] EncodeUtf8(byte[] json, CodecContext context)
    {
        try
        {
            return Encode(json, context);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(json);
        }
    }

    private T? DecodeUtf8<T>(ReadOnlySpan<byte> envelope, CodecContext context, Func<byte[], T?> deserialize)
    {
        var json = Decode(envelope, context);
        try
        {
            return deserialize(json);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(json);
        }
    }

    private static JsonSerializerOptions CreateDefaultJsonOptions()
    {
        var options = new JsonSerializerOptions { ReferenceHandler = ReferenceHandler.Preserve };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
