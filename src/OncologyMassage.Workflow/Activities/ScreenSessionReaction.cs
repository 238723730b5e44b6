using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Activities;

/// <summary>Input of <see cref="ScreenSessionReaction"/>: the session whose recorded reaction to screen (the text stays in ISessionStore).</summary>
public sealed record SessionReaction(string ReferralId, int SessionNumber, JourneyStep Step);

/// <summary>What the reaction means for the orchestration: its red-flag level and whether it lowers the next session's plan.</summary>
public sealed record ReactionOutcome(RedFlagLevel RedFlag, bool LowersNextPlan)
{
    public static ReactionOutcome None { get; } = new(RedFlagLevel.None, false);
}

/// <summary>
/// Screens the reaction the therapist recorded with a session exactly like a client's reply (<see cref="RedFlagScreener"/>):
/// a red flag goes on the timeline with its reasons and flags the referral; alerting the coordinator is the orchestration's
/// next step, on the same path as a reply. A reaction of flu-like illness, severe fatigue or vomiting lowers the next plan
/// by the same rule as a +24 h reply (<see cref="ReplyFindings"/>; BuildAdaptationPlan reads the same text). Only levels
/// and a yes/no leave the activity, never the text.
/// </summary>
public sealed class ScreenSessionReaction(IReferralStore store, ISessionStore sessions, IReferralFlags flags) : IActivity<SessionReaction, ReactionOutcome>
{
    public async Task<ReactionOutcome> RunAsync(SessionReaction input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var session = await sessions.GetSessionAsync(input.ReferralId, input.SessionNumber, cancellationToken);
        if (string.IsNullOrWhiteSpace(session?.Reactions))
        {
            return ReactionOutcome.None;
        }

        var screen = RedFlagScreener.Screen(session.Reactions);
        if (screen.Level != RedFlagLevel.None)
        {
            var reasons = string.Join("; ", screen.Matches.Select(m => m.Reason).Distinct(StringComparer.Ordinal));
            await store.AppendTimelineAsync(input.ReferralId, new TimelineEntry(input.Step.Sequence, input.Step.At, TimelineKind.RedFlag, input.Step.Stage,
                $"Red flag ({screen.Level}) in the reaction recorded with session {input.SessionNumber}: {reasons}. Reaction: \"{session.Reactions}\""), cancellationToken);
            await flags.SetFlagAsync(input.ReferralId,
                screen.Level == RedFlagLevel.Immediate ? ReferralFlagKind.RedFlagImmediate : ReferralFlagKind.RedFlagSameDay, cancellationToken);
        }

        return new ReactionOutcome(screen.Level, ReplyFindings.From(screen, DateOnly.FromDateTime(session.RecordedAt.UtcDateTime)).Count > 0);
    }
}
