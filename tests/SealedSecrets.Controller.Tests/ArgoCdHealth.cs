using System.Text.Json.Nodes;

namespace SealedSecrets.Controller.Tests;

/// <summary>
/// Our own statement of Argo CD's health contract for <c>bitnami.com/SealedSecret</c> (reference
/// templates-and-health.md Part B, table B.1; the upstream Lua is not copied): the first condition
/// of type Synced whose status is True or False decides — False is Degraded with its message, True
/// is Healthy with its message — otherwise Progressing "Waiting for Sealed Secret to be decrypted".
/// gitops-engine's wrapper adds: a deletionTimestamp gives Progressing "Pending deletion".
/// </summary>
internal static class ArgoCdHealth
{
    public static (string Status, string Message) Evaluate(JsonObject obj)
    {
        if (obj["metadata"]?["deletionTimestamp"] is not null)
        {
            return ("Progressing", "Pending deletion");
        }
        if (obj["status"]?["conditions"] is JsonArray conditions)
        {
            foreach (var condition in conditions.OfType<JsonObject>())
            {
                if ((string?)condition["type"] != "Synced")
                {
                    continue;
                }
                switch ((string?)condition["status"])
                {
                    case "False":
                        return ("Degraded", (string?)condition["message"] ?? string.Empty);
                    case "True":
                        return ("Healthy", (string?)condition["message"] ?? string.Empty);
                }
            }
        }
        return ("Progressing", "Waiting for Sealed Secret to be decrypted");
    }
}
