using Kube.Runtime.Metrics;
using Prometheus;

namespace SealedSecrets.Controller.Metrics;

/// <summary>
/// Upstream's metric families under the <c>sealed_secrets_controller</c> namespace, with the same
/// names and labels (reference sealed-secrets.md §3.7), registered in the runtime's registry so
/// one <c>/metrics</c> exports them next to controller-runtime's. Sigil adds two counters that make
/// the "restart in sync costs nothing" promise measurable.
/// </summary>
internal sealed class ControllerMetrics
{
    public const string ReasonFetch = "fetch";
    public const string ReasonUnseal = "unseal";
    public const string ReasonUpdate = "update";
    public const string ReasonUnmanaged = "unmanaged";
    public const string ReasonStatus = "status";

    public ControllerMetrics(RuntimeMetrics runtime, bool omitSecretLabels)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        OmitSecretLabels = omitSecretLabels;
        var factory = runtime.Factory;
        BuildInfo = factory.CreateGauge("sealed_secrets_controller_build_info", "Build information.", ["revision"]);
        BuildInfo.WithLabels(typeof(ControllerMetrics).Assembly.GetName().Version?.ToString() ?? "unknown").Set(1);
        UnsealRequests = factory.CreateCounter("sealed_secrets_controller_unseal_requests_total", "Total number of sealed secret unseal requests");
        UnsealErrors = factory.CreateCounter("sealed_secrets_controller_unseal_errors_total", "Total number of sealed secret unseal errors by reason", ["reason", "namespace"]);
        ConditionInfo = factory.CreateGauge("sealed_secrets_controller_condition_info", "Current SealedSecret condition status. Values are -1 (false), 0 (unknown or absent), 1 (true)", ["namespace", "name", "condition", "ss_app_kubernetes_io_instance"]);
        HttpRequests = factory.CreateCounter("sealed_secrets_controller_http_requests_total", "Total number of HTTP requests by path, code and method", ["path", "code", "method"]);
        HttpDuration = factory.CreateHistogram("sealed_secrets_controller_http_request_duration_seconds", "HTTP request duration in seconds by path and method", new HistogramConfiguration { LabelNames = ["path", "method"] });
        RsaOperations = factory.CreateCounter("sigil_sealed_secrets_rsa_private_operations_total", "Sigil: RSA private-key attempts made while unsealing (one per key tried per value)");
        SecretWrites = factory.CreateCounter("sigil_sealed_secrets_writes_total", "Sigil: API writes made by the unseal reconciler by kind (secret_create, secret_update, secret_delete, status)", ["kind"]);
    }

    public bool OmitSecretLabels { get; }

    public Gauge BuildInfo { get; }

    public Counter UnsealRequests { get; }

    public Counter UnsealErrors { get; }

    public Gauge ConditionInfo { get; }

    public Counter HttpRequests { get; }

    public Histogram HttpDuration { get; }

    public Counter RsaOperations { get; }

    public Counter SecretWrites { get; }

    public void SetCondition(string? ns, string name, string? instanceLabel, string status)
    {
        if (OmitSecretLabels)
        {
            return;
        }
        var value = status switch { "True" => 1, "False" => -1, _ => 0 };
        ConditionInfo.WithLabels(ns ?? string.Empty, name, "Synced", instanceLabel ?? string.Empty).Set(value);
    }

    public void RemoveCondition(string? ns, string name)
    {
        foreach (var labels in ConditionInfo.GetAllLabelValues().Where(l => l[0] == (ns ?? string.Empty) && l[1] == name).ToList())
        {
            ConditionInfo.RemoveLabelled(labels);
        }
    }
}
