using BenchmarkDotNet.Attributes;
using ExternalSecrets.Templating;
using ExternalSecrets.Templating.Values;

namespace Templating.Bench;

/// <summary>Parse once, render many, with ESO's options (missingkey=error) and map[string]string data.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class RenderBenchmarks
{
    private GoTemplate _databaseUrl = null!;
    private GoTemplate[] _tenKeys = null!;
    private object? _data;
    private GoStringBuilder _output = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new TemplateOptions { MissingKey = MissingKeyMode.Error };
        _databaseUrl = GoTemplate.Parse("DATABASE_URL", BenchTemplates.DatabaseUrl, options);
        _tenKeys = [.. BenchTemplates.TenKeys.Select(k => GoTemplate.Parse(k.Key, k.Template, options))];
        _data = GoValues.FromClr(BenchTemplates.Data);
        _output = new GoStringBuilder(1024);
    }

    /// <summary>One render of the seed's DATABASE_URL, returning a new string (what a reconciler keeps).</summary>
    [Benchmark]
    public GoString DatabaseUrl() => _databaseUrl.Execute(_data);

    /// <summary>All ten keys of a typical ExternalSecret, each into a new string.</summary>
    [Benchmark]
    public int TenKeyExternalSecret()
    {
        var total = 0;
        foreach (var t in _tenKeys)
        {
            total += t.Execute(_data).Length;
        }

        return total;
    }

    /// <summary>DATABASE_URL into a reused buffer (Go's benchmark writes into a reset bytes.Buffer).</summary>
    [Benchmark]
    public int DatabaseUrlIntoBuffer()
    {
        _output.Clear();
        _databaseUrl.Execute(_output, _data);
        return _output.Length;
    }
}
