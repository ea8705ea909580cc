using System.Globalization;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Kube.Runtime.Informers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kube.Runtime.Events;

/// <summary>
/// Queues events on a bounded channel and writes them from one background loop, aggregating
/// repeats into a count bump on the existing Event (kube-api.md §12.4).
/// </summary>
internal sealed partial class EventRecorder : BackgroundService, IEventRecorder
{
    private const int MaxMessageLength = 1024;
    private readonly IEventSink _sink;
    private readonly EventRecorderOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _pending;
    private readonly Dictionary<AggregationKey, Seen> _seen = [];
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private long _sequence;

    public EventRecorder(IEventSink sink, EventRecorderOptions options, TimeProvider time, ILogger<EventRecorder> logger)
    {
        _sink = sink;
        _options = options;
        _time = time;
        _logger = logger;
        _pending = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
    }

    public void Record(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message)
    {
        if (!_pending.Writer.TryWrite(new Pending(Describe(regarding), type, reason, Truncate(message))))
        {
            Log.Dropped(_logger, reason);
        }
    }

    public Task RecordAsync(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message, CancellationToken cancellationToken)
        => WriteAsync(new Pending(Describe(regarding), type, reason, Truncate(message)), cancellationToken);

    public override void Dispose()
    {
        _writeGate.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var pending in _pending.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await WriteAsync(pending, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // Events are best effort (as in client-go); a failed write must not stop the loop.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Log.WriteFailed(_logger, pending.Reason, pending.Regarding.Name, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; queued events are dropped.
        }
    }

    private async Task WriteAsync(Pending pending, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow().UtcDateTime;
            var key = new AggregationKey(pending.Regarding.Kind, pending.Regarding.NamespaceProperty, pending.Regarding.Name, pending.Regarding.Uid, pending.Type, pending.Reason, pending.Message);
            if (_seen.TryGetValue(key, out var seen))
            {
                var count = seen.Count + 1;
                if (await _sink.UpdateCountAsync(seen.Namespace, seen.Name, count, now, cancellationToken).ConfigureAwait(false))
                {
                    _seen[key] = seen with { Count = count };
                    return;
                }

                _seen.Remove(key);
            }

            var created = Build(pending, now);
            await _sink.CreateAsync(created, cancellationToken).ConfigureAwait(false);
            if (_seen.Count >= _options.AggregationCacheSize)
            {
                _seen.Clear();
            }

            _seen[key] = new Seen(created.Metadata.NamespaceProperty, created.Metadata.Name, 1);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private Corev1Event Build(Pending pending, DateTime now)
    {
        var regarding = pending.Regarding;
        var sequence = Interlocked.Increment(ref _sequence);

        // client-go names events "<object>.<unix nanos in hex>"; the sequence keeps names unique
        // when two events share a timestamp (always, on a fake clock).
        var nanos = ((now - DateTime.UnixEpoch).Ticks * 100) + sequence;
        return new Corev1Event
        {
            ApiVersion = "v1",
            Kind = "Event",
            Metadata = new V1ObjectMeta
            {
                Name = $"{regarding.Name}.{nanos.ToString("x", CultureInfo.InvariantCulture)}",
                NamespaceProperty = string.IsNullOrEmpty(regarding.NamespaceProperty) ? "default" : regarding.NamespaceProperty,
            },
            InvolvedObject = regarding,
            Type = pending.Type,
            Reason = pending.Reason,
            Message = pending.Message,
            Source = new V1EventSource { Component = _options.Component },
            ReportingComponent = _options.Component,
            ReportingInstance = _options.Instance ?? Environment.MachineName,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
    }

    private static V1ObjectReference Describe(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);

        // Objects from a list usually have no kind/apiVersion; the model's attribute knows them.
        var kind = obj.Kind;
        var apiVersion = obj.ApiVersion;
        if (string.IsNullOrEmpty(kind) || string.IsNullOrEmpty(apiVersion))
        {
            var resource = ResourceType.For(obj.GetType());
            kind = resource.Kind;
            apiVersion = resource.ApiVersion;
        }

        return new V1ObjectReference
        {
            Kind = kind,
            ApiVersion = apiVersion,
            Name = obj.Metadata.Name,
            NamespaceProperty = obj.Metadata.NamespaceProperty,
            Uid = obj.Metadata.Uid,
            ResourceVersion = obj.Metadata.ResourceVersion,
        };
    }

    private static string Truncate(string message)
        => message.Length <= MaxMessageLength ? message : message[..(MaxMessageLength - 3)] + "...";

    private sealed record Pending(V1ObjectReference Regarding, string Type, string Reason, string Message);

    private readonly record struct AggregationKey(string Kind, string? Namespace, string Name, string? Uid, string Type, string Reason, string Message);

    private readonly record struct Seen(string Namespace, string Name, int Count);

    private static partial class Log
    {
        [LoggerMessage(4001, LogLevel.Warning, "Event queue full; dropped event with reason {Reason}")]
        public static partial void Dropped(ILogger logger, string reason);

        [LoggerMessage(4002, LogLevel.Warning, "Could not write event {Reason} about {Name}")]
        public static partial void WriteFailed(ILogger logger, string reason, string name, Exception exception);
    }
}
