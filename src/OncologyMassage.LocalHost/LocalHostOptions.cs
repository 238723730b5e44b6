using OncologyMassage.Workflow.Referrals;

namespace OncologyMassage.LocalHost;

/// <summary>How the local host runs (section <c>LocalHost</c>; the README lists the switches).</summary>
public sealed class LocalHostOptions
{
    public const string SectionName = "LocalHost";

    /// <summary>Where Azurite keeps its data; default: .localhost-data/azurite under the repository (git-ignored).</summary>
    public string? DataPath { get; set; }

    /// <summary>An already running storage account (connection string); when set, no Azurite is started.</summary>
    public string? StorageConnectionString { get; set; }

    public string TaskHubName { get; set; } = "OncologyMassageLocal";

    public string WorkerId { get; set; } = "localhost";

    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an activity taken by a host that then died stays hidden before another start picks it up again (default
    /// 15 s; the engine's 5 min default made a restarted host sit idle long enough for deadlines to pass). The engine renews
    /// the lock of an activity still running, so a short value does not run a long activity twice.
    /// </summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The same for orchestration messages a dead host had taken (default 30 s).</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest a restarted host may take to resume the work a killed one had taken (default 60 s; measured, see
    /// docs/reliability.md). The host refuses to start when a deadline that closes a referral is shorter than this, or when
    /// the visibility timeouts above exceed it. Zero turns the check off.
    /// </summary>
    public TimeSpan RecoveryBound { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the orphan-referral sweep runs (default 15 s, as the Functions app's timer; decision 0010).</summary>
    public TimeSpan OrphanSweepInterval { get; set; } = OrphanReferralSweep.Interval;

    /// <summary>
    /// How often the outbox reconciliation runs (default 2 min, as the Functions app's timer). The crash suite shortens it so
    /// that Pending messages are reconciled while its hosts live.
    /// </summary>
    public TimeSpan OutboxReconcileInterval { get; set; } = OncologyMassage.Workflow.Messaging.OutboxReconciliation.Interval;

    /// <summary>
    /// Listen on addresses other than loopback (<c>--urls http://0.0.0.0:7071</c>). Off by default: the local host has a
    /// development sign-in anyone who reaches it could use, so it refuses to start on such an address unless told so.
    /// </summary>
    public bool AllowRemote { get; set; }

    /// <summary>How often the data lifecycle jobs (purge of finished instances, retention) run (default daily).</summary>
    public TimeSpan PrivacyJobsInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long after start-up they first run (default one minute, so start-up stays quick).</summary>
    public TimeSpan PrivacyJobsDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Submit sample referrals at start-up and play the oncologist (set by <c>--demo</c>).</summary>
    public bool Demo { get; set; }
}
