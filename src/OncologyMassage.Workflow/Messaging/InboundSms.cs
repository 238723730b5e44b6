using Microsoft.Extensions.Logging;
using OncologyMassage.Domain.Languages;
using OncologyMassage.Domain.Messages;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Messaging;

/// <summary>A text a client sent, as the provider reported it (the webhook checked its signature first).</summary>
public sealed record InboundSmsMessage(string MessageId, string From, string Body);

/// <summary>What the webhook answers the client (null: nothing), and what happened.</summary>
public sealed record InboundSmsAnswer(InboundSmsOutcome Outcome, string? Reply);

public enum InboundSmsOutcome
{
    OptedOut,
    OptedIn,
    Help,

    /// <summary>No referral waits for a reply from this number: the text went on its open referrals' timelines.</summary>
    NotExpected,

    /// <summary>No open referral has this number: the text went to the deployment's inbox.</summary>
    Inbox,

    /// <summary>The reply was handed to the waiting orchestration.</summary>
    Routed,

    /// <summary>The provider delivered the same message again; it was routed the first time.</summary>
    Duplicate,
}

/// <summary>
/// Handles an inbound SMS, host-neutral (the orchestration is reached through <see cref="Ports.IReferralWorkflowClient"/>).
/// Carrier keywords first, across every referral of the number: STOP and its variants opt the number out, START opts it
/// back in, HELP answers who we are. Otherwise the phone index finds the referral awaiting a reply (one point read), and
/// the reply is stored (IReplyStore, with the follow-up the number was asked, if any) and raised on its orchestration as
/// <see cref="WorkflowEvents.ClientReplied"/> or, keyed with that follow-up's id, <see cref="WorkflowEvents.FollowUpAnswered"/> by
/// <see cref="AnswerRelay"/>, once per provider message id: a raise that fails is retried by the pending-event sweep.
/// A reply screened as an immediate red flag is answered at once with the call-now text; the orchestration alerts the coordinator.
/// A text no referral waits for is screened and stored all the same (<see cref="UnexpectedReplies"/>): on the timeline of every
/// open referral of the number, or in the deployment's inbox, and an immediate one gets the call-now text too.
/// </summary>
public sealed partial class InboundSms(
    IOptOutStore optOuts,
    IPhoneIndex phones,
    IReferralStore referrals,
    IReplyStore replies,
    AnswerRelay relay,
    UnexpectedReplies unexpected,
    TimeProvider clock,
    ILogger<InboundSms> logger)
{
    public async Task<InboundSmsAnswer> HandleAsync(InboundSmsMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = clock.GetUtcNow();
        var keywordLanguage = SmsKeywords.LanguageOf(message.Body) ?? ClientLanguages.Default; // PARAR is answered in Spanish
        switch (SmsKeywords.Classify(message.Body))
        {
            case SmsKeyword.Stop:
                await optOuts.OptOutAsync(message.From, now, SmsKeywords.Normalize(message.Body)!, cancellationToken);
                await NoteOnEveryReferralAsync(message, now, "The client replied STOP by SMS: no more texts to this number. Use email where the client allowed it.", cancellationToken);
                LogKeyword(logger, message.MessageId, SmsKeyword.Stop);
                return new InboundSmsAnswer(InboundSmsOutcome.OptedOut, AutoReplies.OptedOut(keywordLanguage));
            case SmsKeyword.Start:
                await optOuts.OptInAsync(message.From, now, cancellationToken);
                await NoteOnEveryReferralAsync(message, now, "The client replied START by SMS: texts to this number are allowed again.", cancellationToken);
                LogKeyword(logger, message.MessageId, SmsKeyword.Start);
                return new InboundSmsAnswer(InboundSmsOutcome.OptedIn, AutoReplies.OptedIn(keywordLanguage));
            case SmsKeyword.Help:
                LogKeyword(logger, message.MessageId, SmsKeyword.Help);
                return new InboundSmsAnswer(InboundSmsOutcome.Help, AutoReplies.Help(keywordLanguage));
        }

        var awaiting = await phones.FindAwaitingAsync(message.From, cancellationToken);
        if (awaiting is null)
        {
            LogNotExpected(logger, message.MessageId);
            var handled = await unexpected.HandleAsync(message, now, cancellationToken);
            return new InboundSmsAnswer(
                handled.InInbox ? InboundSmsOutcome.Inbox : InboundSmsOutcome.NotExpected,
                handled.Screen.ImmediateAnswerIn(ClientLanguages.Resolve(handled.Language)) ?? AutoReplies.NotExpected(ClientLanguages.Resolve(handled.Language)));
        }

        // Same answer for a retried delivery as for the first one; the screening is deterministic.
        var language = ClientLanguages.Resolve(awaiting.Language);
        var reply = RedFlagScreener.Screen(message.Body).ImmediateAnswerIn(language) ?? AutoReplies.Thanks(language);
        var referralId = awaiting.ReferralId;
        var record = new ReplyRecord(referralId, message.MessageId, ReplyChannel.Sms, message.Body, now) { FollowUpId = awaiting.FollowUpId };
        var outcome = await relay.StoreAndRaiseAsync(
            new AnswerRef(referralId, AnswerKind.SmsReply, message.MessageId),
            async ct => await replies.GetAsync(referralId, message.MessageId, ct) is null ? StoredAnswer.None : StoredAnswer.Same,
            ct => replies.TryRecordAsync(record, ct),
            cancellationToken, StoredAnswers.Of(record));
        if (outcome != RelayOutcome.Stored)
        {
            LogDuplicate(logger, message.MessageId, referralId);
            return new InboundSmsAnswer(InboundSmsOutcome.Duplicate, reply);
        }

        LogRouted(logger, message.MessageId, referralId);
        return new InboundSmsAnswer(InboundSmsOutcome.Routed, reply);
    }

    private async Task NoteOnEveryReferralAsync(InboundSmsMessage message, DateTimeOffset at, string detail, CancellationToken cancellationToken)
    {
        foreach (var referralId in await phones.ReferralsOfAsync(message.From, cancellationToken))
        {
            await referrals.AppendExternalTimelineAsync(referralId, message.MessageId, at, TimelineKind.Note, detail, cancellationToken);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Inbound SMS {MessageId} is the keyword {Keyword}")]
    private static partial void LogKeyword(ILogger logger, string messageId, SmsKeyword keyword);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Inbound SMS {MessageId}: no referral awaits a reply from its sender")]
    private static partial void LogNotExpected(ILogger logger, string messageId);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Inbound SMS {MessageId} routed to referral {ReferralId}")]
    private static partial void LogRouted(ILogger logger, string messageId, string referralId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Inbound SMS {MessageId} was delivered again; already routed to referral {ReferralId}")]
    private static partial void LogDuplicate(ILogger logger, string messageId, string referralId);
}
