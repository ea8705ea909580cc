namespace SealedSecrets.Kubeseal;

/// <summary>
/// Reads a user-named file (<c>--merge-into</c>, <c>--cert</c>, <c>--recovery-private-key</c>,
/// <c>--from-file</c>) and turns I/O failures into upstream's Go-style <c>open PATH: ...</c> error,
/// so every flag reports a missing or unreadable file the same way.
/// </summary>
internal static class LocalFile
{
    public static byte[] ReadAllBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (IsOpenFailure(ex))
        {
            throw OpenFailed(path, ex);
        }
    }

    public static async Task<byte[]> ReadAllBytesAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsOpenFailure(ex))
        {
            throw OpenFailed(path, ex);
        }
    }

    private static bool IsOpenFailure(Exception ex) => ex is IOException or UnauthorizedAccessException;

    // Go's os.Open says "no such file or directory" for both a missing file and a missing parent.
    private static KubesealException OpenFailed(string path, Exception ex) =>
        ex is FileNotFoundException or DirectoryNotFoundException
            ? new KubesealException($"open {path}: no such file or directory", ex)
            : new KubesealException($"open {path}: {ex.Message}", ex);
}
