using Kube.Runtime.Leadership;

namespace SealedSecrets.Controller.Tests;

/// <summary>Leadership the test hands out: <see cref="Lead"/> makes this replica the leader.</summary>
internal sealed class FakeLeadership : ILeadership
{
    private readonly TaskCompletionSource _leading = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeLeadership(bool leading = false)
    {
        if (leading)
        {
            Lead();
        }
    }

    public bool IsLeader => _leading.Task.IsCompleted;

    public string Identity => "test-replica";

    public void Lead() => _leading.TrySetResult();

    public Task WaitForLeadershipAsync(CancellationToken cancellationToken) => _leading.Task.WaitAsync(cancellationToken);
}
