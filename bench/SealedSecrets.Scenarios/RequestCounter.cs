using System.Collections.Concurrent;
using System.Globalization;

/// <summary>
/// Counts the requests of the client the controller uses, per verb and resource (the path without
/// namespace and name; <c>?watch</c> marked), so a scenario shows how many API calls one object costs.
/// </summary>
internal sealed class RequestCounter : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Reset() => _counts.Clear();

    public string Describe() => string.Join(", ", _counts.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value.ToString(CultureInfo.InvariantCulture)}"));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _counts.AddOrUpdate(Key(request), 1, (_, n) => n + 1);
        return base.SendAsync(request, cancellationToken);
    }

    private static string Key(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // /api/v1[/namespaces/{ns}]/{resource}[/{name}[/{sub}]] and /apis/{group}/{version}/...
        var rest = segments.Skip(segments.Length > 0 && segments[0] == "api" ? 2 : 3).ToList();
        if (rest.Count >= 2 && rest[0] == "namespaces" && rest.Count > 2)
        {
            rest = rest.Skip(2).ToList();
        }
        var resource = rest.Count == 0 ? uri.AbsolutePath : rest[0] + (rest.Count > 2 ? "/" + rest[2] : string.Empty) + (rest.Count >= 2 ? "/{name}" : string.Empty);
        var watch = uri.Query.Contains("watch=true", StringComparison.Ordinal) ? " (watch)" : string.Empty;
        return $"{request.Method} {resource}{watch}";
    }
}
