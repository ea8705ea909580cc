namespace SealedSecrets.Api;

/// <summary>
/// A SealedSecret or input Secret that cannot be sealed or unsealed. The message names the object
/// and field (and key names), never a value.
/// </summary>
public sealed class SealedSecretException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SealedSecretException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public SealedSecretException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public SealedSecretException()
        : base("invalid SealedSecret")
    {
    }
}
