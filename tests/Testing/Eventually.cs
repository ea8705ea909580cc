using System.Diagnostics;

namespace Sigil.Testing;

/// <summary>
/// Bounded polling for state assertions against a live server ("Secret ns/x has key k within 5 s").
/// Polls at a short interval until the condition holds or the timeout passes, then throws with the
/// description and the last exception seen. Never waits unbounded.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public static async Task UntilAsync(Func<Task<bool>> condition, string description, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        await ValueAsync(async () => await condition() ? true : (bool?)null, description, timeout, ct);
    }

    public static Task UntilAsync(Func<bool> condition, string description, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), description, timeout, ct);
    }

    /// <summary>Polls until <paramref name="probe"/> returns a non-null value and returns it.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, string description, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var limit = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        Exception? last = null;
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            try
            {
                var value = await probe();
                if (value is not null)
                {
                    return value;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                last = e;
            }

            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"condition not met within {limit.TotalSeconds:0.#} s: {description}", last);
            }

            await Task.Delay(delay, ct);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }
}
