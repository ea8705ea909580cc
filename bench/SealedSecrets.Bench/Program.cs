using System.Globalization;
using BenchmarkDotNet.Running;
using SealedSecrets.Bench;

// `rate [seconds] [size]` prints single-thread seal/unseal rates for compare-openssl.sh;
// anything else goes to BenchmarkDotNet (e.g. --filter '*').
if (args.Length > 0 && args[0] == "rate")
{
    var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 3;
    var size = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 64;
    RateRunner.Run(seconds, size);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(SealBenchmarks).Assembly).Run(args);
