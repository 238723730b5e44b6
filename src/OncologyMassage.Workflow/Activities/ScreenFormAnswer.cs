using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Activities;

/// <summary>Which stored form answer <see cref="ScreenFormAnswer"/> reads.</summary>
public enum FormAnswerKind
{
    /// <summary>The intake evaluation (its "today" answers, acute signs and goals).</summary>
    Intake,

    /// <summary>The reason the client gave when withdrawing consent.</summary>
    Withdrawal,
}

/// <summary>Input of <see cref="ScreenFormAnswer"/>: the referral and which of its stored answers to screen (never the text).</summary>
public sealed record FormAnswerToScreen(string ReferralId, FormAnswerKind Kind, JourneyStep Step);

/// <summary>
/// Screens an answer the client gave on a web form, read from its store, by the red-flag rules of a text reply
/// (<see cref="AnswerScreening"/>). A red flag goes on the timeline with its reasons and marks the referral; opening the
/// escalating flag and advising the client are the orchestration's next steps, on the same path as a reply. Only the level
/// leaves the activity, never what the client wrote.
/// </summary>
public sealed class ScreenFormAnswer(IReferralStore store, IIntakeStore intakes, IConsentStore consents, IReferralFlags flags)
    : IActivity<FormAnswerToScreen, RedFlagLevel>
{
    public async Task<RedFlagLevel> RunAsync(FormAnswerToScreen input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (screen, where) = input.Kind switch
        {
            FormAnswerKind.Intake => await IntakeAsync(input.ReferralId, cancellationToken),
            _ => await WithdrawalAsync(input.ReferralId, cancellationToken),
        };

        if (screen.IsFlagged)
        {
            var found = string.Join("; ", screen.Matches.OrderByDescending(m => m.Level).Select(m => $"{m.Reason} ({m.MatchedText})").Distinct(StringComparer.Ordinal));
            await store.AppendTimelineAsync(input.ReferralId, new TimelineEntry(input.Step.Sequence, input.Step.At, TimelineKind.RedFlag, input.Step.Stage,
                $"Red flag ({screen.Level}) in {where}: {found}"), cancellationToken);
            await flags.SetFlagAsync(input.ReferralId,
                screen.Level == RedFlagLevel.Immediate ? ReferralFlagKind.RedFlagImmediate : ReferralFlagKind.RedFlagSameDay, cancellationToken);
        }

        return screen.Level;
    }

    private async Task<(RedFlagResult Screen, string Where)> IntakeAsync(string referralId, CancellationToken cancellationToken)
    {
        var intake = await intakes.GetAsync(referralId, cancellationToken);
        return (intake is null ? RedFlagResult.Clear : AnswerScreening.ScreenIntake(intake.Intake), "the intake form");
    }

    private async Task<(RedFlagResult Screen, string Where)> WithdrawalAsync(string referralId, CancellationToken cancellationToken)
    {
        var consent = await consents.GetAsync(referralId, cancellationToken);
        return (AnswerScreening.ScreenText(consent?.WithdrawalReason), "the reason given for withdrawing consent");
    }
}
