namespace SealedSecrets.Crypto;

/// <summary>Why a sealed value could not be opened. Never says anything about the plaintext.</summary>
public enum SealedValueError
{
    /// <summary>Not standard base64 with padding (Go <c>base64.StdEncoding</c>).</summary>
    InvalidBase64,

    /// <summary>Fewer than 2 bytes, or fewer than 2 + the length the prefix claims (upstream <c>ErrTooShort</c>).</summary>
    TooShort,

    /// <summary>The RSA part is longer than the key's modulus, so it cannot be for this key.</summary>
    KeySizeMismatch,

    /// <summary>RSA-OAEP decoding failed: a different key, or a different scope label.</summary>
    WrongKeyOrLabel,

    /// <summary>The recovered session key is not 16, 24 or 32 bytes.</summary>
    InvalidSessionKey,

    /// <summary>AES-GCM authentication failed: the value was altered or truncated.</summary>
    AuthenticationFailed,

    /// <summary>Every key failed (or there were none): upstream's <c>no key could decrypt secret</c>.</summary>
    NoKeyCouldDecrypt,
}
