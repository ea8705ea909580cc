using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Sigil;

/// <summary>
/// Makes the in-process controller reachable the way kubeseal finds it in a real cluster: the
/// Service <c>kube-system/sealed-secrets-controller</c> (port 8080 named <c>http</c>, as the Helm
/// chart) and Endpoints pointing at the loopback port the controller really listens on, so the API
/// server's services proxy reaches it (kube-api.md §12.5). Rewritten on every start.
/// </summary>
internal static class LocalControllerService
{
    public const string Namespace = "kube-system";
    public const string Name = "sealed-secrets-controller";

    public static async Task PublishAsync(IKubernetes client, Uri controllerUrl, CancellationToken ct)
    {
        var service = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Namespace, Labels = new Dictionary<string, string> { ["name"] = Name } },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = 8080, TargetPort = 8080, Protocol = "TCP" }] },
        };
        var endpoints = new V1Endpoints
        {
            Metadata = new V1ObjectMeta { Name = Name, NamespaceProperty = Namespace, Labels = new Dictionary<string, string> { ["name"] = Name } },
            Subsets = [new V1EndpointSubset { Addresses = [new V1EndpointAddress { Ip = "127.0.0.1" }], Ports = [new Corev1EndpointPort { Name = "http", Port = controllerUrl.Port, Protocol = "TCP" }] }],
        };
        await UpsertAsync(
            () => client.CoreV1.CreateNamespacedServiceAsync(service, Namespace, cancellationToken: ct),
            async () =>
            {
                var live = await client.CoreV1.ReadNamespacedServiceAsync(Name, Namespace, cancellationToken: ct).ConfigureAwait(false);
                live.Spec.Ports = service.Spec.Ports;
                await client.CoreV1.ReplaceNamespacedServiceAsync(live, Name, Namespace, cancellationToken: ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
        await UpsertAsync(
            () => client.CoreV1.CreateNamespacedEndpointsAsync(endpoints, Namespace, cancellationToken: ct),
            async () =>
            {
                var live = await client.CoreV1.ReadNamespacedEndpointsAsync(Name, Namespace, cancellationToken: ct).ConfigureAwait(false);
                live.Subsets = endpoints.Subsets;
                await client.CoreV1.ReplaceNamespacedEndpointsAsync(live, Name, Namespace, cancellationToken: ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    private static async Task UpsertAsync<T>(Func<Task<T>> create, Func<Task> update)
    {
        try
        {
            await create().ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict)
        {
            await update().ConfigureAwait(false);
        }
    }
}
