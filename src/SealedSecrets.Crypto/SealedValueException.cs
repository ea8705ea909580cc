namespace SealedSecrets.Crypto;

/// <summary>
/// A sealed value that cannot be opened. <see cref="Error"/> tells why; the message names the
/// problem and never includes key material or plaintext.
/// </summary>
public sealed class SealedValueException : Exception
{
    /// <summary>Creates the exception with the standard message for <paramref name="error"/>.</summary>
    public SealedValueException(SealedValueError error)
        : base(MessageFor(error))
    {
        Error = error;
    }

    /// <summary>Creates the exception with the standard message for <paramref name="error"/>.</summary>
    public SealedValueException(SealedValueError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Creates a <see cref="SealedValueError.NoKeyCouldDecrypt"/> exception.</summary>
    public SealedValueException()
        : this(SealedValueError.NoKeyCouldDecrypt)
    {
    }

    /// <summary>Creates a <see cref="SealedValueError.NoKeyCouldDecrypt"/> exception with a message.</summary>
    public SealedValueException(string message)
        : this(SealedValueError.NoKeyCouldDecrypt, message)
    {
    }

    /// <summary>Creates a <see cref="SealedValueError.NoKeyCouldDecrypt"/> exception with a cause.</summary>
    public SealedValueException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = SealedValueError.NoKeyCouldDecrypt;
    }

    /// <summary>Why the value could not be opened.</summary>
    public SealedValueError Error { get; }

    /// <summary>The message used for each error; <c>NoKeyCouldDecrypt</c> is upstream's exact text.</summary>
    public static string MessageFor(SealedValueError error) => error switch
    {
        SealedValueError.InvalidBase64 => "sealed value is not valid standard base64",
        SealedValueError.TooShort => "SealedSecret data is too short",
        SealedValueError.KeySizeMismatch => "sealed value's RSA part does not fit the key size",
        SealedValueError.WrongKeyOrLabel => "sealed value's session key does not decrypt: wrong key or wrong scope",
        SealedValueError.InvalidSessionKey => "sealed value's session key has an invalid length",
        SealedValueError.AuthenticationFailed => "sealed value failed authentication: it was altered or truncated",
        SealedValueError.NoKeyCouldDecrypt => "no key could decrypt secret",
        _ => "sealed value cannot be opened",
    };
}
