namespace SealedSecrets.Crypto;

/// <summary>An opened value and the key that opened it (callers may try that key first next time).</summary>
/// <param name="Plaintext">The decrypted bytes.</param>
/// <param name="Key">The key that worked.</param>
public sealed record DecryptionResult(byte[] Plaintext, SealingPrivateKey Key);
