namespace Kube.ApiServer.Patching;

/// <summary>
/// A field the applier wants to set to a different value than another manager owns.
/// <see cref="FieldPath"/> is in structured-merge-diff's notation (<c>.data.password</c>,
/// <c>.spec.containers[name="app"].image</c>); <see cref="ManagerDescription"/> is how upstream
/// names the manager in messages (<c>"kubectl-client-side-apply" using v1</c>).
/// </summary>
public sealed record ApplyConflict(string Manager, string FieldPath, string ManagerDescription)
{
    /// <summary>The StatusCause message upstream writes for this conflict.</summary>
    public string CauseMessage => $"conflict with {ManagerDescription}";
}
