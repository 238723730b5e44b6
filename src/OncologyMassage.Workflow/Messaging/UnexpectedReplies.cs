using Microsoft.Extensions.Logging;
using OncologyMassage.Domain.Messages;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Escalation;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Messaging;

/// <summary>Where an unexpected text went.</summary>
/// <param name="Referrals">The open referrals whose timeline got it (none: it went to the inbox).</param>
public sealed record UnexpectedOutcome(RedFlagResult Screen, IReadOnlyList<string> Referrals)
{
    /// <summary>The preferred language of the first open referral on the number (null: none, answer in English).</summary>
    public string? Language { get; init; }

    public bool InInbox => Referrals.Count == 0;
}

/// <summary>
/// A text no referral was waiting for (a client reporting a new symptom between follow-ups, a stranger's message): it is
/// screened like any reply and stored, never dropped. With open referrals on the number it is stored with each (IReplyStore,
/// keyed by the provider message id) and put on each one's timeline as an unexpected message with its screening level; a
/// flagged one raises a red flag on each (<see cref="RaiseFlagAsync"/>). With none (an unknown number, or only closed
/// referrals) it goes to the deployment's inbox. No orchestration is involved: nothing of the text reaches an event or
/// an orchestration input. Every write is idempotent by message id, so a provider's redelivery, or a retry after a
/// failure halfway, completes the job without doubling anything.
/// </summary>
public sealed partial class UnexpectedReplies(
    IPhoneIndex phones,
    IReferralStore referrals,
    IReplyStore replies,
    IInboxStore inbox,
    RedFlags redFlags,
    ILogger<UnexpectedReplies> logger)
{
    public async Task<UnexpectedOutcome> HandleAsync(InboundSmsMessage message, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var screen = RedFlagScreener.Screen(message.Body);
        var open = new List<string>();
        string? language = null;
        foreach (var referralId in await phones.ReferralsOfAsync(message.From, cancellationToken))
        {
            if (await referrals.GetAsync(referralId, cancellationToken) is { } record && !record.Stage.IsClosed())
            {
                open.Add(referralId);
                language ??= record.Referral.Client.PreferredLanguage;
            }
        }

        if (open.Count == 0)
        {
            var added = await inbox.TryAddAsync(new InboxMessage(message.MessageId, message.From, message.Body, screen.Level, receivedAt), cancellationToken);
            LogInbox(logger, message.MessageId, added);
            return new UnexpectedOutcome(screen, []);
        }

        foreach (var referralId in open)
        {
            await replies.TryRecordAsync(new ReplyRecord(referralId, message.MessageId, ReplyChannel.Sms, message.Body, receivedAt), cancellationToken);
            await referrals.AppendExternalTimelineAsync(referralId, message.MessageId, receivedAt, TimelineKind.Reply,
                $"Unexpected message by text (no question was open; screened: {LevelText(screen.Level)}): \"{message.Body}\"", cancellationToken);
            if (screen.IsFlagged)
            {
                await RaiseFlagAsync(referralId, message.MessageId, screen, receivedAt, cancellationToken);
            }
        }

        LogOnTimelines(logger, message.MessageId, open.Count);
        return new UnexpectedOutcome(screen, open) { Language = language };
    }

    /// <summary>
    /// A red flag from a text that arrived outside the workflow: its reasons on the timeline, then the same escalating
    /// flag a flagged reply opens (<see cref="RedFlags.RaiseAsync"/>: the referral marked on the pipeline, the coordinator
    /// and, as the rules say, the oncologist's office alerted, escalation to the backup contact until acknowledged). Once
    /// per (referral, message id): the flag id derives from both.
    /// </summary>
    public async Task RaiseFlagAsync(string referralId, string messageId, RedFlagResult screen, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(screen);
        if (!screen.IsFlagged)
        {
            return;
        }

        await referrals.AppendExternalTimelineAsync(referralId, $"{messageId}:red-flag", at, TimelineKind.RedFlag,
            $"Red flag ({screen.Level}) in an unexpected text: {string.Join("; ", screen.Reasons)}", cancellationToken);
        await redFlags.RaiseAsync(referralId, screen.Level, messageId, cancellationToken);
    }

    /// <summary>The screening level as the timeline and the inbox spell it.</summary>
    public static string LevelText(RedFlagLevel level) => level switch
    {
        RedFlagLevel.Immediate => "immediate red flag",
        RedFlagLevel.SameDay => "same-day red flag",
        _ => "no red flag",
    };

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Unexpected inbound SMS {MessageId} put on the timeline of {Count} open referral(s)")]
    private static partial void LogOnTimelines(ILogger logger, string messageId, int count);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Unexpected inbound SMS {MessageId} from a number with no open referral: inbox (new: {Added})")]
    private static partial void LogInbox(ILogger logger, string messageId, bool added);
}
