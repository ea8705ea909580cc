using System.Text;

namespace Kube.ApiServer.Hosting;

/// <summary>The kubeconfig a client needs: the server URL, our CA, and the bearer token (cluster/context/user named <c>sigil</c>).</summary>
internal static class Kubeconfig
{
    public static string Render(Uri server, string caPem, string token)
    {
        var ca = Convert.ToBase64String(Encoding.UTF8.GetBytes(caPem));
        return $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: sigil
              cluster:
                server: {{server.GetLeftPart(UriPartial.Authority)}}
                certificate-authority-data: {{ca}}
            users:
            - name: sigil-admin
              user:
                token: {{token}}
            contexts:
            - name: sigil
              context:
                cluster: sigil
                user: sigil-admin
                namespace: default
            current-context: sigil
            preferences: {}

            """;
    }
}
