namespace Kube.ApiServer;

/// <summary>Version facts the server reports on <c>/version</c>; kubectl picks its behaviour from them.</summary>
public static class ServerInfo
{
    public const string Major = "1";
    public const string Minor = "32";
    public const string GitVersion = "v1.32.4-sigil";
}
