namespace SealedSecrets.Controller.Options;

/// <summary>A flag or <c>SEALED_SECRETS_*</c> variable that cannot be used; the message names it.</summary>
public sealed class ControllerFlagException : Exception
{
    public ControllerFlagException(string message)
        : base(message)
    {
    }

    public ControllerFlagException()
        : base("invalid flag")
    {
    }

    public ControllerFlagException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
