namespace SealedSecrets.Controller.Options;

/// <summary>Which time decides the "latest" key (<c>--key-order-priority</c>, reference §3.1).</summary>
public enum KeyOrderPriority
{
    /// <summary>The certificate's NotBefore (upstream default).</summary>
    CertNotBefore,

    /// <summary>The key Secret's creationTimestamp.</summary>
    SecretCreationTimestamp,
}
