using System.Security.Cryptography;

namespace SealedSecrets.Kubeseal;

/// <summary>
/// What kubeseal takes from its surroundings, injected so tests control it: environment variables,
/// the home directory (for <c>~/.kube/config</c>), the clock (certificate expiry), randomness
/// (session keys) and an HTTP client for <c>--cert https://…</c>.
/// </summary>
public sealed record KubesealEnvironment(
    Func<string, string?> GetVariable,
    string? HomeDirectory,
    TimeProvider Time,
    RandomNumberGenerator Random,
    HttpClient? Http)
{
    /// <summary>The real process environment.</summary>
    public static KubesealEnvironment FromProcess(HttpClient? http) => new(
        Environment.GetEnvironmentVariable,
        Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        TimeProvider.System,
        RandomNumberGenerator.Create(),
        http);
}
