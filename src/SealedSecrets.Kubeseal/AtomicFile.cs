namespace SealedSecrets.Kubeseal;

/// <summary>
/// Replaces a file in one step (write a temporary file beside it, then rename over), so an
/// interrupted or failed run never leaves a truncated <c>-w</c> or <c>--merge-into</c> target —
/// upstream uses renameio for the same reason.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, byte[] content)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? ".";
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, content);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new KubesealException($"cannot write {path}: {ex.Message}", ex);
        }
    }
}
