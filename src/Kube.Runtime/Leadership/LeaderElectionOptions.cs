namespace Kube.Runtime.Leadership;

/// <summary>
/// Lease-based leader election (ESO's flags: --enable-leader-election, --leader-election-id,
/// lease/renew/retry durations; client-go defaults 15 s / 10 s / 2 s).
/// </summary>
public sealed class LeaderElectionOptions
{
    public bool Enabled { get; set; }

    /// <summary>Name of the coordination.k8s.io/v1 Lease.</summary>
    public string LeaseName { get; set; } = string.Empty;

    public string LeaseNamespace { get; set; } = "default";

    /// <summary>holderIdentity; defaults to the host name plus a random suffix.</summary>
    public string? Identity { get; set; }

    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Delete our Lease on shutdown so a standby takes over at once instead of after LeaseDuration.</summary>
    public bool ReleaseOnShutdown { get; set; } = true;

    /// <summary>Report not-ready (/readyz) while this replica does not lead.</summary>
    public bool ReadinessRequiresLeadership { get; set; } = true;

    internal void Validate()
    {
        if (!Enabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(LeaseName) || string.IsNullOrWhiteSpace(LeaseNamespace))
        {
            throw new InvalidOperationException("LeaderElection: LeaseName and LeaseNamespace must be set when leader election is enabled.");
        }

        // LeaderElector writes LeaseDuration.Seconds (the seconds component) into the Lease.
        if (LeaseDuration < TimeSpan.FromSeconds(1) || LeaseDuration >= TimeSpan.FromMinutes(1))
        {
            throw new InvalidOperationException("LeaderElection: LeaseDuration must be between 1 s and 59 s.");
        }

        if (RenewDeadline <= TimeSpan.Zero || RenewDeadline >= LeaseDuration || RetryPeriod <= TimeSpan.Zero || RetryPeriod >= RenewDeadline)
        {
            throw new InvalidOperationException("LeaderElection: need 0 < RetryPeriod < RenewDeadline < LeaseDuration.");
        }
    }
}
