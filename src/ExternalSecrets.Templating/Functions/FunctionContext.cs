namespace ExternalSecrets.Templating.Functions;

/// <summary>
/// Per-execution services a function may need: the injected clock (sprig's <c>now</c>), the
/// cancellation token, and the limits, so that functions that build large values (<c>repeat</c>,
/// <c>until</c>, <c>genPrivateKey</c>) check the budget <em>before</em> allocating.
/// </summary>
public sealed class FunctionContext
{
    private long _startTimestamp;
    private long _iterations;

    public FunctionContext(TemplateLimits limits, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(time);
        Limits = limits;
        Time = time;
        CancellationToken = cancellationToken;
        _startTimestamp = time.GetTimestamp();
    }

    public TemplateLimits Limits { get; private set; }

    public TimeProvider Time { get; private set; }

    public CancellationToken CancellationToken { get; private set; }

    /// <summary>Starts a new execution with this (pooled) context.</summary>
    internal void Reset(TemplateLimits limits, TimeProvider time, CancellationToken cancellationToken)
    {
        Limits = limits;
        Time = time;
        CancellationToken = cancellationToken;
        _iterations = 0;
        _startTimestamp = time.GetTimestamp();
    }

    /// <summary>Throws <see cref="TemplateLimitException"/> if a value of <paramref name="bytes"/> bytes would exceed the output bound.</summary>
    public void EnsureSize(long bytes)
    {
        if (bytes > Limits.MaxOutputBytes || bytes < 0)
        {
            throw new TemplateLimitException($"value of {bytes} bytes exceeds the limit of {Limits.MaxOutputBytes} bytes");
        }
    }

    /// <summary>Counts <paramref name="count"/> loop iterations (range, or elements a function generates) against the bound.</summary>
    public void CountIterations(long count)
    {
        _iterations += count;
        if (_iterations > Limits.MaxRangeIterations || count < 0)
        {
            throw new TemplateLimitException($"exceeded the limit of {Limits.MaxRangeIterations} iterations");
        }
    }

    /// <summary>Throws when the execution was cancelled or ran past <see cref="TemplateLimits.MaxDuration"/>.</summary>
    public void CheckBudget()
    {
        if (CancellationToken.IsCancellationRequested)
        {
            throw new TemplateLimitException("execution was cancelled");
        }

        if (Time.GetElapsedTime(_startTimestamp) > Limits.MaxDuration)
        {
            throw new TemplateLimitException($"execution exceeded the time limit of {Limits.MaxDuration.TotalSeconds:0.###}s");
        }
    }
}
