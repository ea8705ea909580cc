using System.Text.Json.Nodes;

namespace Kube.ApiServer;

/// <summary>
/// The <c>meta/v1 Status</c> body with <c>status: Failure</c> that every refused request answers
/// (k8s.io/apimachinery/pkg/apis/meta/v1 Status). One builder for the HTTP errors and the pure patch
/// engines so the field set and order stay the same everywhere kubectl reads them.
/// </summary>
internal static class FailureStatus
{
    /// <param name="code">HTTP status code, repeated in the body as upstream does.</param>
    /// <param name="reason">Kubernetes StatusReason (BadRequest, Invalid, Conflict, ...).</param>
    /// <param name="message">Human-readable message; names objects and fields, never values.</param>
    /// <param name="details">StatusDetails; omitted when null or empty, as upstream's omitempty.</param>
    public static JsonObject Create(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is { Count: > 0 })
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }
}
