using System.Text.Json.Nodes;

namespace Kube.ApiServer.Http;

/// <summary>
/// A request failure that becomes a <c>meta/v1 Status</c> body. Reasons and messages follow the
/// upstream apiserver (k8s.io/apimachinery/pkg/api/errors) so kubectl renders them the same way.
/// </summary>
internal sealed class ApiException : Exception
{
    public ApiException(int code, string reason, string message, JsonObject? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public int Code { get; }

    public string Reason { get; }

    public JsonObject? Details { get; }

    public static ApiException NotFound(string resource, string? group, string name) =>
        new(404, "NotFound", $"{Qualified(resource, group)} \"{name}\" not found", Detail(name, group, resource));

    public static ApiException PathNotFound() =>
        new(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    public static ApiException AlreadyExists(string resource, string? group, string name) =>
        new(409, "AlreadyExists", $"{Qualified(resource, group)} \"{name}\" already exists", Detail(name, group, resource));

    public static ApiException Conflict(string resource, string? group, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {Qualified(resource, group)} \"{name}\": {why}", Detail(name, group, resource));

    public static ApiException StaleResourceVersion(string resource, string? group, string name) =>
        Conflict(resource, group, name, "the object has been modified; please apply your changes to the latest version and try again");

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    public static ApiException Forbidden(string message) => new(403, "Forbidden", message);

    public static ApiException Expired(string message) => new(410, "Expired", message);

    public static ApiException UnsupportedMediaType(IEnumerable<string> accepted) =>
        new(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", accepted)}");

    /// <summary>422 with one cause per field: <c>Kind "name" is invalid: field: detail</c>.</summary>
    public static ApiException Invalid(string kind, string? group, string name, IReadOnlyList<FieldError> errors)
    {
        var causes = new JsonArray();
        foreach (var e in errors)
        {
            causes.Add(new JsonObject { ["reason"] = e.Type, ["message"] = e.Message, ["field"] = e.Field });
        }

        var summary = errors.Count == 1
            ? $"{errors[0].Field}: {errors[0].Message}"
            : "[" + string.Join(", ", errors.Select(e => $"{e.Field}: {e.Message}")) + "]";
        var details = new JsonObject { ["name"] = name, ["kind"] = kind, ["causes"] = causes };
        if (!string.IsNullOrEmpty(group))
        {
            details["group"] = group;
        }

        var qualifiedKind = string.IsNullOrEmpty(group) ? kind : $"{kind}.{group}";
        return new ApiException(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {summary}", details);
    }

    public static ApiException Invalid(string kind, string? group, string name, string field, string message, string type = "FieldValueInvalid") =>
        Invalid(kind, group, name, [new FieldError(field, message, type)]);

    public JsonObject ToStatus() =>
        FailureStatus.Create(Code, Reason, Message, Details?.DeepClone().AsObject());

    private static string Qualified(string resource, string? group) =>
        string.IsNullOrEmpty(group) ? resource : $"{resource}.{group}";

    private static JsonObject Detail(string name, string? group, string resource)
    {
        var d = new JsonObject { ["name"] = name };
        if (!string.IsNullOrEmpty(group))
        {
            d["group"] = group;
        }

        d["kind"] = resource;
        return d;
    }
}
