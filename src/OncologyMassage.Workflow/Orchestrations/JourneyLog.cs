using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Replies;

namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>
/// The orchestrations' own milestones (events 6001–6010), called on the orchestration context. Each goes to a logger from
/// <see cref="TaskOrchestrationContext.CreateReplaySafeLogger(string)"/>, which drops every entry while the engine replays
/// history, so a milestone is logged once, when it first happens. (The logger is made at the call, not kept in a field:
/// the Durable analyzer, DURABLE0010, can then prove it replay-safe.) Ids, enums, counts and times only: never a name, a phone
/// number, free text or clinical content (docs/privacy.md).
/// </summary>
internal static partial class JourneyLog
{
    /// <summary>The category of the referral journey's logger.</summary>
    public const string JourneyCategory = "OncologyMassage.Workflow.Orchestrations.ReferralOrchestration";

    /// <summary>The category of a red flag's escalation logger.</summary>
    public const string EscalationCategory = "OncologyMassage.Workflow.Orchestrations.FlagEscalationOrchestration";

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Referral {ReferralId} reached stage {Stage}")]
    private static partial void StageReached(ILogger logger, string referralId, Stage stage);

    public static void LogStageReached(this TaskOrchestrationContext context, string referralId, Stage stage)
    {
        var logger = context.CreateReplaySafeLogger(JourneyCategory);
        StageReached(logger, referralId, stage);
    }

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Referral {ReferralId} waits for {EventName} until {Deadline:O}")]
    private static partial void Waiting(ILogger logger, string referralId, string eventName, DateTime deadline);

    public static void LogWaiting(this TaskOrchestrationContext context, string referralId, string eventName, DateTime deadline)
    {
        var logger = context.CreateReplaySafeLogger(JourneyCategory);
        Waiting(logger, referralId, eventName, deadline);
    }

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Referral {ReferralId}: the wait for {EventName} reached its deadline")]
    private static partial void WaitExpired(ILogger logger, string referralId, string eventName);

    public static void LogWaitExpired(this TaskOrchestrationContext context, string referralId, string eventName)
    {
        var logger = context.CreateReplaySafeLogger(JourneyCategory);
        WaitExpired(logger, referralId, eventName);
    }

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Referral {ReferralId}: a red flag of level {Level} was raised")]
    private static partial void RedFlagRaised(ILogger logger, string referralId, RedFlagLevel level);

    public static void LogRedFlagRaised(this TaskOrchestrationContext context, string referralId, RedFlagLevel level)
    {
        var logger = context.CreateReplaySafeLogger(JourneyCategory);
        RedFlagRaised(logger, referralId, level);
    }

    [LoggerMessage(EventId = 6005, Level = LogLevel.Information, Message = "Referral {ReferralId} ended at stage {Stage}")]
    private static partial void JourneyEnded(ILogger logger, string referralId, Stage stage);

    public static void LogJourneyEnded(this TaskOrchestrationContext context, string referralId, Stage stage)
    {
        var logger = context.CreateReplaySafeLogger(JourneyCategory);
        JourneyEnded(logger, referralId, stage);
    }

    [LoggerMessage(EventId = 6006, Level = LogLevel.Information, Message = "Referral {ReferralId} continues as new with session {SessionNumber}")]
    private static partial void ContinuingWithSession(ILogger logger, string referralId, int sessionNumber);

    public static void LogContinuingWithSession(this TaskOrchestrationContext context, string referralId, int sessionNumber)
    {
        var logger = context.CreateReplaySafeLogger(JourneyCategory);
        ContinuingWithSession(logger, referralId, sessionNumber);
    }

    [LoggerMessage(EventId = 6007, Level = LogLevel.Warning, Message = "Flag {FlagId} of referral {ReferralId} escalated to the backup contact ({Escalation} of {MaxEscalations})")]
    private static partial void FlagEscalated(ILogger logger, string flagId, string referralId, int escalation, int maxEscalations);

    public static void LogFlagEscalated(this TaskOrchestrationContext context, string flagId, string referralId, int escalation, int maxEscalations)
    {
        var logger = context.CreateReplaySafeLogger(EscalationCategory);
        FlagEscalated(logger, flagId, referralId, escalation, maxEscalations);
    }

    [LoggerMessage(EventId = 6008, Level = LogLevel.Information, Message = "Flag {FlagId} of referral {ReferralId} acknowledged after {Escalations} escalation(s)")]
    private static partial void FlagAcknowledged(ILogger logger, string flagId, string referralId, int escalations);

    public static void LogFlagAcknowledged(this TaskOrchestrationContext context, string flagId, string referralId, int escalations)
    {
        var logger = context.CreateReplaySafeLogger(EscalationCategory);
        FlagAcknowledged(logger, flagId, referralId, escalations);
    }

    [LoggerMessage(EventId = 6009, Level = LogLevel.Warning, Message = "Flag {FlagId} of referral {ReferralId} was not acknowledged after {Escalations} escalation(s); escalation stopped")]
    private static partial void FlagEscalationStopped(ILogger logger, string flagId, string referralId, int escalations);

    public static void LogFlagEscalationStopped(this TaskOrchestrationContext context, string flagId, string referralId, int escalations)
    {
        var logger = context.CreateReplaySafeLogger(EscalationCategory);
        FlagEscalationStopped(logger, flagId, referralId, escalations);
    }
}
