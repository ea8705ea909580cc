using System.Text.Json.Nodes;

namespace Kube.ApiServer.Patching;

/// <summary>
/// The outcome of a server-side apply: the new live object (with managedFields), or the conflicts
/// that make the apiserver answer 409 Conflict with causes of type FieldManagerConflict.
/// </summary>
public sealed record ApplyResult
{
    private ApplyResult(JsonObject? obj, IReadOnlyList<ApplyConflict> conflicts)
    {
        Object = obj;
        Conflicts = conflicts;
    }

    /// <summary>The object to store; null when <see cref="Conflicts"/> is not empty.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Name fixed by the contract the server codes against.")]
    public JsonObject? Object { get; }

    public IReadOnlyList<ApplyConflict> Conflicts { get; }

    public bool HasConflicts => Conflicts.Count > 0;

    /// <summary>The Status message, worded as kube-apiserver words it.</summary>
    public string ConflictMessage
    {
        get
        {
            if (Conflicts.Count == 1)
            {
                return $"Apply failed with 1 conflict: {Conflicts[0].CauseMessage}: {Conflicts[0].FieldPath}";
            }

            var lines = Conflicts
                .GroupBy(c => c.ManagerDescription)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .SelectMany(g => new[] { $"conflicts with {g.Key}:" }.Concat(g.Select(c => $"- {c.FieldPath}")));
            return $"Apply failed with {Conflicts.Count} conflicts: {string.Join("\n", lines)}";
        }
    }

    internal static ApplyResult Success(JsonObject obj) => new(obj, []);

    internal static ApplyResult Conflicted(IReadOnlyList<ApplyConflict> conflicts) => new(null, conflicts);

    /// <summary>The complete 409 Status object (reference §13) for a conflicted apply.</summary>
    public JsonObject ToConflictStatus()
    {
        var causes = new JsonArray();
        foreach (var conflict in Conflicts)
        {
            causes.Add(new JsonObject
            {
                ["reason"] = "FieldManagerConflict",
                ["message"] = conflict.CauseMessage,
                ["field"] = conflict.FieldPath,
            });
        }

        return FailureStatus.Create(409, "Conflict", ConflictMessage, new JsonObject { ["causes"] = causes });
    }
}
