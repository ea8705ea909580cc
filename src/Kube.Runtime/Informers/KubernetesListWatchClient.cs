using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace Kube.Runtime.Informers;

/// <summary>
/// List and watch over the client's own HttpClient and credentials. Written by hand because
/// <c>GenericClient.WatchAsync</c> takes no resourceVersion, timeout or bookmark flag, and the
/// typed watch helpers exist only per built-in kind (kube-api.md §14). Each watch line is one JSON
/// event (kube-api.md §7); an ERROR event carries a Status and 410 means "relist".
/// </summary>
internal sealed class KubernetesListWatchClient<T> : IListWatchClient<T>
    where T : class
{
    /// <summary>Metadata-only list (client-go's metadata client asks the same way, JSON fallback last).</summary>
    internal const string MetadataListAccept = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

    /// <summary>Metadata-only watch: every event's object becomes a PartialObjectMetadata.</summary>
    internal const string MetadataWatchAccept = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";

    // The client's own serializer settings (converters for dates, quantities...), read once so list
    // pages can be deserialized straight from the response stream.
    private static readonly JsonSerializerOptions JsonOptions = ClientJsonOptions();

    private readonly Kubernetes _client;
    private readonly ResourceType _resource;
    private readonly bool _metadataOnly;

    public KubernetesListWatchClient(IKubernetes client, ResourceType resource, bool metadataOnly = false)
    {
        _client = client as Kubernetes
            ?? throw new ArgumentException("Informers need the concrete k8s.Kubernetes client (its HttpClient and credentials).", nameof(client));
        _resource = resource;
        _metadataOnly = metadataOnly;
    }

    public async Task<ListPage<T>> ListAsync(ListRequest request, CancellationToken cancellationToken)
    {
        var query = new List<string> { "limit=" + request.Limit.ToString(CultureInfo.InvariantCulture) };
        AddSelectors(query, request.LabelSelector, request.FieldSelector);
        if (request.Continue is not null)
        {
            query.Add("continue=" + Uri.EscapeDataString(request.Continue));
        }

        using var response = await SendAsync(BuildUri(request.Namespace, query), _metadataOnly ? MetadataListAccept : null, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        // Deserialized as the bytes arrive: the page is never held as one string or document, so a
        // list of large objects leaves only the objects themselves (then the transform) behind.
        var page = await JsonSerializer.DeserializeAsync<ListBody<T>>(stream, JsonOptions, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"Empty list response from GET {_resource.CollectionPath(request.Namespace)}.");
        var next = page.Metadata?.ContinueProperty;
        return new ListPage<T>(page.Items ?? [], page.Metadata?.ResourceVersion ?? string.Empty, string.IsNullOrEmpty(next) ? null : next);
    }

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(WatchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new List<string>
        {
            "watch=true",
            "allowWatchBookmarks=true",
            "resourceVersion=" + Uri.EscapeDataString(request.ResourceVersion),
            "timeoutSeconds=" + request.TimeoutSeconds.ToString(CultureInfo.InvariantCulture),
        };
        AddSelectors(query, request.LabelSelector, request.FieldSelector);

        using var response = await SendAsync(BuildUri(request.Namespace, query), _metadataOnly ? MetadataWatchAccept : null, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            yield return Parse(line);
        }
    }

    internal static WatchEvent<T> Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var typeName = GetString(root, "type");
        if (!root.TryGetProperty("object", out var obj) || !Enum.TryParse<WatchEventType>(typeName, ignoreCase: true, out var type))
        {
            throw new InvalidDataException($"Watch event without a known type or object: type '{typeName}'.");
        }

        switch (type)
        {
            case WatchEventType.Error:
                return new WatchEvent<T>(type, null, null, KubernetesJson.Deserialize<V1Status>(obj));
            case WatchEventType.Bookmark:
                var rv = obj.TryGetProperty("metadata", out var meta) ? GetString(meta, "resourceVersion") : null;
                return new WatchEvent<T>(type, null, rv, null);
            default:
                // A Status object in a non-ERROR event is still an error report (the C# client does the same).
                if (GetString(obj, "kind") == "Status" && typeof(T) != typeof(V1Status))
                {
                    return new WatchEvent<T>(WatchEventType.Error, null, null, KubernetesJson.Deserialize<V1Status>(obj));
                }

                return new WatchEvent<T>(type, KubernetesJson.Deserialize<T>(obj), null, null);
        }
    }

    private static void AddSelectors(List<string> query, string? labelSelector, string? fieldSelector)
    {
        if (!string.IsNullOrEmpty(labelSelector))
        {
            query.Add("labelSelector=" + Uri.EscapeDataString(labelSelector));
        }

        if (!string.IsNullOrEmpty(fieldSelector))
        {
            query.Add("fieldSelector=" + Uri.EscapeDataString(fieldSelector));
        }
    }

    private static string? GetString(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private Uri BuildUri(string? @namespace, List<string> query)
    {
        var baseUri = _client.BaseUri.ToString().TrimEnd('/');
        return new Uri(baseUri + _resource.CollectionPath(@namespace) + "?" + string.Join('&', query));
    }

    private static JsonSerializerOptions ClientJsonOptions()
    {
        JsonSerializerOptions? options = null;
        KubernetesJson.AddJsonOptions(o => options = o);
        return options ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);
    }

    private async Task<HttpResponseMessage> SendAsync(Uri uri, string? accept, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        if (_client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var response = await _client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            V1Status? status = null;
            try
            {
                status = KubernetesJson.Deserialize<V1Status>(body);
            }
            catch (JsonException)
            {
                // Not a Status body; report the HTTP code alone.
            }

            var message = $"{(int)response.StatusCode} from GET {uri.AbsolutePath}: {status?.Message ?? response.ReasonPhrase}";
            if (response.StatusCode == HttpStatusCode.Gone)
            {
                throw new ResourceVersionExpiredException(message);
            }

            throw status is null ? new KubernetesException(message) : new KubernetesException(status);
        }
    }
}
