using System.Text.Json.Nodes;

namespace Kube.ApiServer.Patching;

/// <summary>
/// A patch or apply request the server must refuse. <see cref="StatusCode"/> and <see cref="Reason"/>
/// are the HTTP code and Kubernetes <c>StatusReason</c> of the Status object to answer with
/// (reference §13): 400 BadRequest for undecodable patches, 422 Invalid for operations that cannot
/// be applied, 415 UnsupportedMediaType for strategic merge on kinds without patch metadata,
/// 409 Conflict for apply conflicts. Messages name fields and paths, never values.
/// </summary>
public sealed class PatchException : Exception
{
    public PatchException()
        : this(400, "BadRequest", "the patch could not be applied")
    {
    }

    public PatchException(string message)
        : this(400, "BadRequest", message)
    {
    }

    public PatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 400;
        Reason = "BadRequest";
    }

    public PatchException(int statusCode, string reason, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>HTTP status code of the error Status.</summary>
    public int StatusCode { get; }

    /// <summary>Kubernetes StatusReason (BadRequest, Invalid, UnsupportedMediaType, Conflict).</summary>
    public string Reason { get; }

    /// <summary>
    /// True when upstream wraps the detail as a generic server response (JSON patch operations that
    /// fail): the Status message is generic and the detail travels as a cause.
    /// </summary>
    internal bool AsGenericResponse { get; private init; }

    /// <summary>The Status object kube-apiserver answers for this error (reference §13).</summary>
    public JsonObject ToStatus() => AsGenericResponse
        ? FailureStatus.Create(StatusCode, Reason, "the server rejected our request due to an error in our request", new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "UnexpectedServerResponse", ["message"] = Message }),
        })
        : FailureStatus.Create(StatusCode, Reason, Message);

    internal static PatchException BadRequest(string message) => new(400, "BadRequest", message);

    internal static PatchException Invalid(string message) => new(422, "Invalid", message);

    /// <summary>A JSON patch operation that cannot be applied; upstream answers a generic 422.</summary>
    internal static PatchException Unprocessable(string message) => new(422, "Invalid", message) { AsGenericResponse = true };

    internal static PatchException UnsupportedMediaType(string message) => new(415, "UnsupportedMediaType", message);
}
