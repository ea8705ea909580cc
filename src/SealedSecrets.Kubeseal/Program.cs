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
catch (KubesealException ex)
{
    stderr.Write($"error: {ex.Message}\n");
    return 1;
}
catch (Exception ex) when (ex is not OutOfMemoryException)
{
    // A bug, not bad input: report it without the message, which might quote input values.
    stderr.Write($"error: internal error ({ex.GetType().Name}); please report it\n");
    return 1;
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
catch (KubesealException ex)
{
    stderr.Write($"error: {ex.Message}\n");
    return 1;
}
catch (Exception ex) when (ex is not OutOfMemoryException)
{
    // A bug, not bad input: report it without the message, which might quote input values.
    stderr.Write($"error: internal error ({ex.GetType().Name}); please report it\n");
    return 1;
}
