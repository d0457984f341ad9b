namespace FunctionsFlow.Storage.Codec;

/// <summary>An envelope that cannot be decoded.</summary>
/// <remarks>Decoding is a pure function of the bytes, the context and the keys, so retrying the same
/// decode fails the same way: this error is never transient. Messages name the reason and at most a key
/// id, never key material or plaintext.</remarks>
public sealed class StateCodecException : Exception
{
    /// <summary>Creates an exception for a reason with a message.</summary>
    public StateCodecException(StateCodecError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>Creates an exception for a malformed envelope.</summary>
    public StateCodecException()
        : this(StateCodecError.Malformed, "The state envelope is malformed.")
    {
    }

    /// <summary>Creates an exception for a malformed envelope with a message.</summary>
    public StateCodecException(string message)
        : this(StateCodecError.Malformed, message)
    {
    }

    /// <summary>Creates an exception for a malformed envelope with a message and an inner exception.</summary>
    public StateCodecException(string message, Exception innerException)
        : this(StateCodecError.Malformed, message, innerException)
    {
    }

    /// <summary>Why the envelope could not be decoded.</summary>
    public StateCodecError Error { get; }
}
