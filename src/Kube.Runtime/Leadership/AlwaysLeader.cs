namespace Kube.Runtime.Leadership;

/// <summary>Used when leader election is disabled: the only replica always leads.</summary>
internal sealed class AlwaysLeader(string identity) : ILeadership
{
    public bool IsLeader => true;

    public string Identity { get; } = identity;

    public Task WaitForLeadershipAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
