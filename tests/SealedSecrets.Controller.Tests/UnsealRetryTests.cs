using Kube.Runtime.Controllers;

namespace SealedSecrets.Controller.Tests;

/// <summary><c>--max-unseal-retries</c> (reference §3.6): upstream's requeue schedule, then giving up until the object changes.</summary>
public sealed class UnsealRetryTests
{
    private static readonly Dictionary<string, string> Values = new() { ["API_KEY"] = "canary-value" };

    [Fact]
    public async Task A_failing_unseal_is_retried_max_unseal_retries_times_with_doubling_delays_then_left_alone()
    {
        var h = new ReconcilerHarness(0);
        h.Options.MaxUnsealRetries = 3;
        h.Apply(TestKeys.Seal(5, "apps", "db", Values)); // sealed for a key the controller does not hold

        var results = new List<ReconcileResult>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await h.ReconcileAsync("apps", "db"));
        }

        // client-go's default controller backoff: 5 ms, 10 ms, 20 ms, ... while NumRequeues < max.
        Assert.Equal(
            [TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20), null, null],
            results.Select(r => r.Delay));
        Assert.Equal(5, h.Events.Events.Count(e => e.Reason == "ErrUnsealFailed"));
        Assert.Null(h.Secret("apps", "db"));
    }

    [Fact]
    public async Task A_changed_spec_gets_a_fresh_set_of_retries_and_success_clears_the_count()
    {
        var h = new ReconcilerHarness(0);
        h.Options.MaxUnsealRetries = 1;
        var ss = TestKeys.Seal(5, "apps", "db", Values);
        h.Apply(ss);
        Assert.NotNull((await h.ReconcileAsync("apps", "db")).Delay);
        Assert.Null((await h.ReconcileAsync("apps", "db")).Delay);

        // The user re-seals for the right key: the object changed, so it is unsealed at once.
        var fixedSpec = TestKeys.Seal(0, "apps", "db", Values, generation: 2);
        ss.Spec = fixedSpec.Spec;
        ss.Metadata.Generation = 2;
        Assert.Null((await h.ReconcileAsync("apps", "db")).Delay);
        Assert.NotNull(h.Secret("apps", "db"));
        Assert.Equal(0, h.Failures.Count(new ReconcileRequest("apps", "db")));
    }

    [Fact]
    public async Task With_zero_max_unseal_retries_a_failure_is_not_retried()
    {
        var h = new ReconcilerHarness(0);
        h.Options.MaxUnsealRetries = 0;
        h.Apply(TestKeys.Seal(5, "apps", "db", Values));

        Assert.Null((await h.ReconcileAsync("apps", "db")).Delay);
        Assert.Contains(new ReconcileRequest("apps", "db"), h.Failures.Snapshot());
    }
}
