using System.Security.Cryptography;
using SealedSecrets.Crypto;

namespace SealedSecrets.Kubeseal.Tests;

/// <summary>
/// Two controller key pairs made once per run, written as the files users have: a certificate
/// PEM, a private key PEM, and a kubectl-style backup List of key Secrets; plus an expired cert.
/// </summary>
public sealed class KeyMaterial : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public KeyMaterial()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("kubeseal-keys-").FullName;
        using var random = RandomNumberGenerator.Create();
        Current = SealingKeyFactory.Generate(4096, SealingKeyFactory.DefaultValidity, null, Now.AddDays(-1), random);
        Old = SealingKeyFactory.Generate(4096, SealingKeyFactory.DefaultValidity, null, Now.AddDays(-40), random);
        CertPath = Write("cert.pem", Current.CertificatePem);
        KeyPath = Write("key.pem", Current.PrivateKeyPem);
        OldKeyPath = Write("old-key.pem", Old.PrivateKeyPem);
        using var expired = SealingKeyFactory.CreateCertificate(Current.PrivateKey, TimeSpan.FromDays(1), null, new DateTimeOffset(2020, 3, 1, 0, 0, 0, TimeSpan.Zero), random);
        ExpiredCertPath = Write("expired.pem", SealingPem.WriteCertificate(expired));
        BackupListPath = Write("backup.yaml", BackupList(Old, Current));
    }

    public string Directory { get; }

    public SealingKeyPair Current { get; }

    public SealingKeyPair Old { get; }

    public string CertPath { get; }

    public string KeyPath { get; }

    public string OldKeyPath { get; }

    public string ExpiredCertPath { get; }

    public string BackupListPath { get; }

    /// <summary>The shape of `kubectl get secret -n kube-system -l sealedsecrets.bitnami.com/sealed-secrets-key -o yaml`.</summary>
    public static string BackupList(params SealingKeyPair[] pairs)
    {
        var items = pairs.Select((pair, i) => $"""
            - apiVersion: v1
              data:
                tls.crt: {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pair.CertificatePem))}
                tls.key: {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pair.PrivateKeyPem))}
              kind: Secret
              metadata:
                creationTimestamp: "2026-10-0{i + 1}T10:00:00Z"
                generateName: sealed-secrets-key
                labels:
                  sealedsecrets.bitnami.com/sealed-secrets-key: active
                name: sealed-secrets-key{i}abcd
                namespace: kube-system
                resourceVersion: "{100 + i}"
                uid: 7d9c6b1e-0000-4000-8000-00000000000{i}
              type: kubernetes.io/tls
            """);
        return "apiVersion: v1\nitems:\n" + string.Join("\n", items) + "\nkind: List\nmetadata:\n  resourceVersion: \"\"\n";
    }

    public string Write(string name, string content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        Current.Dispose();
        Old.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
