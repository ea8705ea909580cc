using System.Globalization;

namespace SealedSecrets.Controller.Http;

/// <summary>Go listen flags (<c>:8080</c>, <c>127.0.0.1:0</c>) as Kestrel URLs; empty or <c>0</c> means off.</summary>
internal static class ListenAddress
{
    public static string? ToUrl(string? address, string flag)
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
            throw new InvalidOperationException($"--{flag}: \"{address}\" is not host:port or :port");
        }
        var host = address[..colon];
        return string.Create(CultureInfo.InvariantCulture, $"http://{(host.Length == 0 ? "*" : host)}:{port}");
    }
}
