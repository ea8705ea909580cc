using SealedSecrets.Kubeseal;
using SealedSecrets.Kubeseal.Cli;

// Thin shell: parse, run the service on the process streams, map failures to exit codes
// (1 = error, 2 = usage) with upstream's "error: ..." on stderr.
var stderr = Console.Error;
KubesealOptions options;
try
{
    options = KubesealArgumentParser.Parse(args, Environment.GetEnvironmentVariable);
}
catch (UsageException ex)
{
    stderr.Write($"{ex.Message}\n{KubesealArgumentParser.Usage()}");
    return 2;
}
catch (Exception ex) when (ex is not OutOfMemoryException)
{
    return Fail(ex);
}

if (!Console.IsInputRedirected && !options.Help && !options.Version && string.IsNullOrEmpty(options.SecretFile) && !options.FetchCert)
{
    stderr.Write("(tty detected: expecting json/yaml k8s resource in stdin)\n");
}

using var http = new HttpClient();
var environment = KubesealEnvironment.FromProcess(http);
var cluster = new SealedSecrets.Kubeseal.Cluster.ClusterController(environment.GetVariable, environment.HomeDirectory);
var service = new KubesealService(environment, cluster, cluster);
try
{
    await using var stdin = Console.OpenStandardInput();
    await using var stdout = Console.OpenStandardOutput();
    await service.RunAsync(options, stdin, stdout, CancellationToken.None);
    return 0;
}
catch (Exception ex) when (ex is not OutOfMemoryException)
{
    return Fail(ex);
}

// Both phases (parsing, running) map failures alike: a KubesealException is bad input and its
// message is safe to show; anything else is a bug, reported without its message, which might
// quote input values.
int Fail(Exception ex)
{
    stderr.Write(ex is KubesealException
        ? $"error: {ex.Message}\n"
        : $"error: internal error ({ex.GetType().Name}); please report it\n");
    return 1;
}
