namespace Kube.Runtime.Leadership;

/// <summary>Whether this replica may run reconcilers. Without leader election it always may.</summary>
public interface ILeadership
{
    bool IsLeader { get; }

    /// <summary>This replica's identity in the Lease (holderIdentity).</summary>
    string Identity { get; }

    /// <summary>Completes once this replica leads (at once when leader election is off).</summary>
    Task WaitForLeadershipAsync(CancellationToken cancellationToken);
}
