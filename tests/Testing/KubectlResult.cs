namespace Sigil.Testing;

/// <summary>Outcome of one <c>kubectl</c> run.</summary>
public sealed record KubectlResult(int ExitCode, string StdOut, string StdErr)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws with both streams when kubectl failed, so a test failure shows kubectl's message.</summary>
    public KubectlResult EnsureSuccess()
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl exited with {ExitCode}\nstdout:\n{StdOut}\nstderr:\n{StdErr}");
        }

        return this;
    }
}
