using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Activities;

/// <summary>
/// Input of <see cref="ProcessClientReply"/>: the reply, what the question expected, and for a follow-up which one it answers
/// (its kind and session, from the id the answer was keyed with). <see cref="Late"/>: the answer came for a follow-up that is
/// no longer the one waiting (its window closed); it is stored, screened and put on the timeline as late.
/// </summary>
public sealed record ReplyToProcess(string ReferralId, ClientReply Reply, ReplyExpectation Expecting, int SlotCount, JourneyStep Step)
{
    public int SessionNumber { get; init; }

    public FollowUpKind? FollowUp { get; init; }

    public bool Late { get; init; }
}

/// <summary>
/// What the reply said, as far as the orchestration needs it: the slot chosen, whether it was a red flag, and whether it
/// lowers the next session's plan (a follow-up reply reporting flu-like illness, severe fatigue or vomiting; DOMAIN.md).
/// </summary>
public sealed record ReplyOutcome(ReplyKind Kind, int? Slot, RedFlagLevel RedFlag)
{
    public bool LowersNextPlan { get; init; }
}

/// <summary>
/// Reads a client's reply by its id (an SMS from IReplyStore, a web survey from its follow-up record: the event carried no
/// text), parses and screens it (domain rules), keeps it verbatim on the timeline, stores a follow-up answer with its
/// ratings (never imputed), and clears the number's wait. Alerting the coordinator on a red flag is the orchestration's next step.
/// </summary>
public sealed class ProcessClientReply(IReferralStore store, ISessionStore sessions, IReplyStore replies, IPhoneIndex phones, IReferralFlags flags)
    : IActivity<ReplyToProcess, ReplyOutcome>
{
    public async Task<ReplyOutcome> RunAsync(ReplyToProcess input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var text = await TextAsync(input, cancellationToken);
        var parsed = ReplyParser.Parse(text, input.Expecting, Math.Max(1, input.SlotCount));
        var screen = RedFlagScreener.Screen(text);

        var heading = (input.Reply.Channel == ReplyChannel.Web ? "Client answered the web survey" : "Client replied by text")
            + (input.FollowUp is { } asked ? $" ({FollowUps.Describe(asked)} follow-up of session {input.SessionNumber}{(input.Late ? ", late: after its window" : "")})" : "");
        var detail = parsed.Kind switch
        {
            ReplyKind.SlotChoice => $"{heading}: chose slot {parsed.Slot}",
            _ when parsed.Scores.Count > 0 => $"{heading}: {string.Join(", ", parsed.Scores.Select(s => $"{s.Key} {s.Value}"))}. Verbatim: \"{text}\"",
            ReplyKind.Score => $"{heading}: {parsed.Score}/10. Verbatim: \"{text}\"",
            _ => $"{heading}: \"{text}\"",
        };
        await store.AppendTimelineAsync(input.ReferralId, new TimelineEntry(input.Step.Sequence, input.Step.At, TimelineKind.Reply, input.Step.Stage, detail), cancellationToken);

        if (screen.Level != RedFlagLevel.None)
        {
            var reasons = string.Join("; ", screen.Matches.Select(m => m.Reason).Distinct(StringComparer.Ordinal));
            await store.AppendTimelineAsync(input.ReferralId, new TimelineEntry(input.Step.Sequence + 1, input.Step.At, TimelineKind.RedFlag, input.Step.Stage,
                $"Red flag ({screen.Level}): {reasons}"), cancellationToken);
            await flags.SetFlagAsync(input.ReferralId,
                screen.Level == RedFlagLevel.Immediate ? ReferralFlagKind.RedFlagImmediate : ReferralFlagKind.RedFlagSameDay, cancellationToken);
        }

        var referral = await store.GetFactsAsync(input.ReferralId, cancellationToken);
        if (input.FollowUp is { } kind && input.Reply.Channel == ReplyChannel.Sms)
        {
            // Only ratings the client named (or gave in the question's order) are stored; a lone number is kept as text, not guessed.
            var ratings = parsed.Scores.Select(s => new FollowUpRating(input.ReferralId, FollowUpId(input), input.Reply.ReceivedAt, ToItem(s.Key), s.Value)).ToArray();
            await sessions.RecordFollowUpAsync(new FollowUpRecord(input.ReferralId, FollowUpId(input), input.SessionNumber, kind, true,
                input.Reply.ReceivedAt, ratings, text, screen.Level), referral?.Referral.VenueId, cancellationToken);
        }

        if (input.Reply.Channel == ReplyChannel.Sms && referral is not null)
        {
            // A follow-up answer clears only its own wait: a late answer must not end the wait of the follow-up now open.
            await (input.FollowUp is null
                ? phones.ClearAwaitingAsync(referral.Referral.Client.MobilePhone, input.ReferralId, cancellationToken)
                : phones.ClearAwaitingFollowUpAsync(referral.Referral.Client.MobilePhone, input.ReferralId, FollowUpId(input), cancellationToken));
        }

        return new ReplyOutcome(parsed.Kind, parsed.Slot, screen.Level)
        {
            LowersNextPlan = input.FollowUp is not null && !input.Late && ReplyFindings.From(screen, DateOnly.FromDateTime(input.Reply.ReceivedAt.UtcDateTime)).Count > 0,
        };
    }

    /// <summary>The words of the reply, as stored before its event was raised.</summary>
    private async Task<string> TextAsync(ReplyToProcess input, CancellationToken cancellationToken)
    {
        if (input.Reply.Channel == ReplyChannel.Web)
        {
            return (await sessions.GetFollowUpAsync(input.ReferralId, input.Reply.MessageId, cancellationToken))?.Text ?? "";
        }

        return (await replies.GetAsync(input.ReferralId, input.Reply.MessageId, cancellationToken))?.Text
            ?? throw new InvalidOperationException($"Reply {input.Reply.MessageId} of referral {input.ReferralId} is not stored.");
    }

    public static string FollowUpId(ReplyToProcess input) => FollowUps.Id(input.FollowUp ?? FollowUpKind.Sms24Hours, input.SessionNumber);

    private static FollowUpItem ToItem(Symptom symptom) => symptom switch
    {
        Symptom.Pain => FollowUpItem.Pain,
        Symptom.Anxiety => FollowUpItem.Anxiety,
        Symptom.Nausea => FollowUpItem.Nausea,
        _ => FollowUpItem.Tiredness,
    };
}

/// <summary>
/// Follow-up ids shared by the orchestration, the links, the phone index, the web survey and the stores: the kind and the
/// session it follows, e.g. "sms24h-2", "survey-2", "sms30d-2". An answer is filed under the id it was asked with, never guessed.
/// </summary>
public static class FollowUps
{
    public static string Id(FollowUpKind kind, int sessionNumber) => kind switch
    {
        FollowUpKind.Sms24Hours => $"sms24h-{sessionNumber}",
        FollowUpKind.Email7Days => $"survey-{sessionNumber}",
        _ => $"sms30d-{sessionNumber}",
    };

    /// <summary>Reads an id made by <see cref="Id"/>; false for anything else.</summary>
    public static bool TryParse(string? id, out FollowUpKind kind, out int sessionNumber)
    {
        kind = default;
        sessionNumber = 0;
        var dash = id?.LastIndexOf('-') ?? -1;
        if (dash <= 0 || !int.TryParse(id.AsSpan(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out sessionNumber) || sessionNumber < 1)
        {
            return false;
        }

        (var known, kind) = id![..dash] switch
        {
            "sms24h" => (true, FollowUpKind.Sms24Hours),
            "survey" => (true, FollowUpKind.Email7Days),
            "sms30d" => (true, FollowUpKind.Sms30Days),
            _ => (false, default),
        };
        return known && Id(kind, sessionNumber) == id;
    }

    /// <summary>The follow-up's name for people: "+24 h", "+7 days", "+30 days".</summary>
    public static string Describe(FollowUpKind kind) => kind switch
    {
        FollowUpKind.Sms24Hours => "+24 h",
        FollowUpKind.Email7Days => "+7 days",
        _ => "+30 days",
    };
}
