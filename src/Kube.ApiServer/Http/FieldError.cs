namespace Kube.ApiServer.Http;

/// <summary>One <c>StatusCause</c>: the field path (e.g. <c>spec.refreshInterval</c>), a message and the upstream cause type.</summary>
internal sealed record FieldError(string Field, string Message, string Type = "FieldValueInvalid");
