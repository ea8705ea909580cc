using k8s.Models;
using Kube.Runtime.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kube.Runtime.Tests.Events;

public sealed class EventRecorderTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingEventSink _sink = new();
    private readonly EventRecorder _recorder;

    public EventRecorderTests()
    {
        _recorder = new EventRecorder(_sink, new EventRecorderOptions { Component = "sealed-secrets-controller", Instance = "pod-1" }, _time, NullLogger<EventRecorder>.Instance);
    }

    private static V1Secret Regarding(string uid = "u-1") => new()
    {
        Metadata = new V1ObjectMeta { Name = "checkout-secrets", NamespaceProperty = "production", Uid = uid, ResourceVersion = "7" },
    };

    [Fact]
    public async Task The_first_event_creates_a_core_v1_Event_describing_the_object()
    {
        await _recorder.RecordAsync(Regarding(), EventTypes.Normal, "Unsealed", "SealedSecret unsealed successfully", CancellationToken.None);

        var e = Assert.Single(_sink.Events.Values);
        Assert.Equal("production", e.Metadata.NamespaceProperty);
        Assert.StartsWith("checkout-secrets.", e.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal(("Secret", "v1", "checkout-secrets", "u-1"), (e.InvolvedObject.Kind, e.InvolvedObject.ApiVersion, e.InvolvedObject.Name, e.InvolvedObject.Uid));
        Assert.Equal(("Normal", "Unsealed", 1), (e.Type, e.Reason, e.Count));
        Assert.Equal("sealed-secrets-controller", e.Source.Component);
        Assert.Equal("pod-1", e.ReportingInstance);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, e.FirstTimestamp);
    }

    [Fact]
    public async Task A_repeated_event_bumps_count_and_lastTimestamp_instead_of_creating_another()
    {
        await _recorder.RecordAsync(Regarding(), EventTypes.Warning, "ErrUnsealFailed", "no key could decrypt", CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));
        await _recorder.RecordAsync(Regarding(), EventTypes.Warning, "ErrUnsealFailed", "no key could decrypt", CancellationToken.None);
        await _recorder.RecordAsync(Regarding(), EventTypes.Warning, "ErrUnsealFailed", "no key could decrypt", CancellationToken.None);

        var e = Assert.Single(_sink.Events.Values);
        Assert.Equal(3, e.Count);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, e.LastTimestamp);
        Assert.Equal(1, _sink.Creates);
    }

    [Fact]
    public async Task A_different_message_or_object_is_a_separate_event()
    {
        await _recorder.RecordAsync(Regarding(), EventTypes.Warning, "ErrUnsealFailed", "first", CancellationToken.None);
        await _recorder.RecordAsync(Regarding(), EventTypes.Warning, "ErrUnsealFailed", "second", CancellationToken.None);
        await _recorder.RecordAsync(Regarding("u-2"), EventTypes.Warning, "ErrUnsealFailed", "first", CancellationToken.None);
        Assert.Equal(3, _sink.Events.Count);
    }

    [Fact]
    public async Task When_the_aggregated_event_expired_a_new_one_is_created()
    {
        await _recorder.RecordAsync(Regarding(), EventTypes.Normal, "Unsealed", "ok", CancellationToken.None);
        _sink.Events.Clear();
        await _recorder.RecordAsync(Regarding(), EventTypes.Normal, "Unsealed", "ok", CancellationToken.None);

        Assert.Equal(1, Assert.Single(_sink.Events.Values).Count);
        Assert.Equal(2, _sink.Creates);
    }

    [Fact]
    public async Task Fire_and_forget_events_are_written_by_the_background_loop()
    {
        await _recorder.StartAsync(CancellationToken.None);
        _recorder.Record(Regarding(), EventTypes.Normal, "Unsealed", "ok");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_sink.Creates == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        await _recorder.StopAsync(CancellationToken.None);
        Assert.Equal(1, _sink.Creates);
    }

    [Fact]
    public async Task Long_messages_are_truncated_to_1024_characters()
    {
        await _recorder.RecordAsync(Regarding(), EventTypes.Normal, "Unsealed", new string('x', 5000), CancellationToken.None);
        Assert.Equal(1024, Assert.Single(_sink.Events.Values).Message.Length);
    }

    public void Dispose() => _recorder.Dispose();
}
