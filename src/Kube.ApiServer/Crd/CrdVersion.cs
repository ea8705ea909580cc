using System.Text.Json.Nodes;

namespace Kube.ApiServer.Crd;

/// <summary>What the server needs from one entry of a CRD's <c>spec.versions</c>.</summary>
internal sealed record CrdVersion(
    string CrdName,
    string Name,
    bool Served,
    bool Storage,
    JsonObject? Schema,
    IReadOnlyList<PrinterColumn> Columns);
