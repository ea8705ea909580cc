using System.Text;
using Microsoft.Extensions.Time.Testing;
using SealedSecrets.Kubeseal.Certificates;
using SealedSecrets.Kubeseal.Cli;

namespace SealedSecrets.Kubeseal.Tests;

/// <summary>Runs the kubeseal service in process the way Program does, capturing exit code and streams.</summary>
internal sealed class KubesealRunner
{
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public string? Home { get; set; } = "/nonexistent-home";

    public HttpClient? Http { get; set; }

    public ICertificateSource Certificates { get; set; } = OfflineController.Instance;

    public DateTimeOffset Now { get; set; } = KeyMaterial.Now;

    public async Task<Result> RunAsync(string stdin, params string[] args) => await RunAsync(Encoding.UTF8.GetBytes(stdin), args);

    public async Task<Result> RunAsync(byte[] stdin, params string[] args)
    {
        KubesealOptions options;
        try
        {
            options = KubesealArgumentParser.Parse(args, name => Environment.GetValueOrDefault(name));
        }
        catch (UsageException ex)
        {
            return new Result(2, string.Empty, ex.Message);
        }
        catch (KubesealException ex)
        {
            return new Result(1, string.Empty, "error: " + ex.Message);
        }
        var environment = new KubesealEnvironment(name => Environment.GetValueOrDefault(name), Home, new FakeTimeProvider(Now), System.Security.Cryptography.RandomNumberGenerator.Create(), Http);
        var service = new KubesealService(environment, Certificates, OfflineController.Instance);
        using var input = new MemoryStream(stdin);
        using var output = new MemoryStream();
        try
        {
            await service.RunAsync(options, input, output, CancellationToken.None);
            return new Result(0, Encoding.UTF8.GetString(output.ToArray()), string.Empty);
        }
        catch (KubesealException ex)
        {
            return new Result(1, Encoding.UTF8.GetString(output.ToArray()), "error: " + ex.Message);
        }
    }

    internal sealed record Result(int ExitCode, string Stdout, string Stderr);
}
