using System.Security.Cryptography;
using SealedSecrets.Api;
using SealedSecrets.Controller.Keys;
using SealedSecrets.Crypto;

namespace SealedSecrets.Controller.Http;

/// <summary>
/// What <c>/v1/verify</c> and <c>/v1/rotate</c> do with a posted SealedSecret. Both only decrypt
/// <c>encryptedData</c> and never execute <c>spec.template.data</c>, closing the decryption oracles
/// fixed upstream in v0.39 (#2019) and v0.40 (#2049). Rotate re-seals under the scope of the object's
/// own metadata, never the template's (CVE-2026-22728, reference §6).
/// </summary>
internal sealed class Reencryption(KeyRegistry keys, RandomNumberGenerator random)
{
    /// <summary>True when every value opens with some key (upstream answers 200, else 409).</summary>
    public bool CanDecrypt(SealedSecret sealedSecret)
    {
        ArgumentNullException.ThrowIfNull(sealedSecret);
        try
        {
            DecryptAll(sealedSecret);
            return true;
        }
        catch (SealedSecretException)
        {
            return false;
        }
    }

    /// <summary>The same SealedSecret with every value re-sealed for the newest key.</summary>
    /// <exception cref="SealedSecretException">A value does not open, or there is no key.</exception>
    public SealedSecret Rotate(SealedSecret sealedSecret)
    {
        ArgumentNullException.ThrowIfNull(sealedSecret);
        var latest = keys.Latest ?? throw new SealedSecretException("no sealing key is available");
        var plaintexts = DecryptAll(sealedSecret);
        var label = sealedSecret.GetEncryptionLabel();
        var encrypted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in plaintexts)
        {
            encrypted[name] = HybridEncryption.EncryptToBase64(latest.PrivateKey.PublicKey, value, label, random);
        }

        var template = sealedSecret.Spec?.Template ?? new SecretTemplateSpec();
        var templateMeta = template.Metadata is null ? null : template.Metadata with { };
        if (templateMeta is not null)
        {
            // The template's scope annotations must agree with the object's (the one that decrypts).
            templateMeta.Annotations = SealingScopeReader.WithScope(templateMeta.Annotations, sealedSecret.GetScope());
        }
        return new SealedSecret
        {
            Metadata = sealedSecret.Metadata with { CreationTimestamp = null, DeletionTimestamp = null, Generation = null, ResourceVersion = null, Uid = null, ManagedFields = null },
            Spec = new SealedSecretSpec
            {
                Template = new SecretTemplateSpec { Metadata = templateMeta, Type = template.Type, Immutable = template.Immutable, Data = template.Data },
                EncryptedData = encrypted,
            },
        };
    }

    private Dictionary<string, byte[]> DecryptAll(SealedSecret sealedSecret)
    {
        var spec = sealedSecret.Spec ?? new SealedSecretSpec();
        if (spec.Data is not null)
        {
            throw new SealedSecretException("the deprecated 'data' field cannot be verified or re-encrypted; re-seal the Secret");
        }
        var label = sealedSecret.GetEncryptionLabel();
        var order = new KeyAttemptOrder(keys.NewestFirst, null);
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var failed = new List<string>();
        foreach (var (name, value) in (spec.EncryptedData ?? []).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            try
            {
                result[name] = HybridEncryption.DecryptBase64(order, value, label).Plaintext;
            }
            catch (SealedValueException)
            {
                failed.Add(name);
            }
        }
        // One fixed text whatever the cause, so responses say nothing about why OAEP or GCM failed.
        return failed.Count == 0 ? result : throw new SealedSecretException($"no key could decrypt secret ({string.Join(", ", failed)})");
    }
}
