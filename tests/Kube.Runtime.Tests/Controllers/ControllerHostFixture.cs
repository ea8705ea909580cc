using k8s.Models;
using Kube.Runtime.Events;
using Kube.Runtime.Hosting;
using Kube.Runtime.Informers;
using Kube.Runtime.Tests.Events;
using Kube.Runtime.Tests.Informers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Kube.Runtime.Tests.Controllers;

/// <summary>A host running one controller over scripted list/watch APIs and a fake clock.</summary>
internal sealed class ControllerHostFixture : IAsyncDisposable
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    public FakeTimeProvider Time { get; } = new();

    public FakeListWatch<V1ConfigMap> Maps { get; } = new();

    public FakeListWatch<V1Secret> Secrets { get; } = new();

    public ScriptedReconciler Reconciler { get; } = new();

    public RecordingEventSink EventSink { get; } = new();

    public IHost? Host { get; private set; }

    public IHost Build(Action<HostApplicationBuilder>? configure = null)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(Time);
        builder.Services.AddSingleton<IListWatchClient<V1ConfigMap>>(Maps);
        builder.Services.AddSingleton<IListWatchClient<V1Secret>>(Secrets);
        builder.Services.AddSingleton(Reconciler);
        builder.Services.AddSingleton<IEventSink>(EventSink);
        configure?.Invoke(builder);
        Host = builder.Build();
        return Host;
    }

    public static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within {Bound}: {what}");
            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            using var stop = new CancellationTokenSource(Bound);
            await Host.StopAsync(stop.Token);
            Host.Dispose();
        }
    }
}
