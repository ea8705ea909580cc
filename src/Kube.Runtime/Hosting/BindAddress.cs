using System.Globalization;

namespace Kube.Runtime.Hosting;

/// <summary>Turns Go-style listen flags (<c>:8080</c>, <c>127.0.0.1:8081</c>) into Kestrel URLs; empty or <c>0</c> means off.
/// Shared by the runtime's own servers and by controllers' flags (<c>--listen-addr</c>).</summary>
public static class BindAddress
{
    public static string? Parse(string? address, string field)
    {
        if (string.IsNullOrWhiteSpace(address) || address == "0")
        {
            return null;
        }

        if (address.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return address;
        }

        var colon = address.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(address.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new InvalidOperationException($"{field}: '{address}' is not host:port, :port, an http:// URL or 0.");
        }

        var host = address[..colon];
        return string.Create(CultureInfo.InvariantCulture, $"http://{(host.Length == 0 ? "*" : host)}:{port}");
    }
}
