namespace Kube.ApiServer.Resources;

/// <summary>
/// Per-request write parameters: <c>dryRun=All</c>, <c>fieldManager</c>, <c>fieldValidation</c>
/// (Strict|Warn|Ignore). Warnings collected here become <c>Warning: 299</c> headers.
/// </summary>
internal sealed class WriteOptions
{
    public bool DryRun { get; init; }

    public string FieldManager { get; init; } = "unknown";

    public string FieldValidation { get; init; } = "Ignore";

    /// <summary>Set when server-side apply already computed managedFields for the result.</summary>
    public bool ManagedFieldsComputed { get; set; }

    public List<string> Warnings { get; } = [];
}
