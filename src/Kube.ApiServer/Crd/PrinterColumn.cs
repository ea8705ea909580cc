namespace Kube.ApiServer.Crd;

/// <summary>A CRD <c>additionalPrinterColumns</c> entry (JSONPath evaluated per row).</summary>
internal sealed record PrinterColumn(string Name, string Type, string Format, string Description, int Priority, string JsonPath);
