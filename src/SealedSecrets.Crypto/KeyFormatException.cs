namespace SealedSecrets.Crypto;

/// <summary>A PEM file, certificate or key that cannot be used for sealing or unsealing.</summary>
public sealed class KeyFormatException : Exception
{
    /// <summary>Creates the exception; <paramref name="message"/> names the problem, never key material.</summary>
    public KeyFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the underlying parser error.</summary>
    public KeyFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public KeyFormatException()
        : base("invalid key material")
    {
    }
}
