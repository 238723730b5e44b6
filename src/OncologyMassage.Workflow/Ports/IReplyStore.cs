using OncologyMassage.Workflow.Orchestrations;

namespace OncologyMassage.Workflow.Ports;

/// <summary>
/// Client texts as received (table <c>Replies</c>, partition = referral, row = provider message id), stored before the
/// orchestration hears of them: the <see cref="WorkflowEvents.ClientReplied"/> event carries only the message id, and
/// the activity that parses and screens the reply reads its text here.
/// </summary>
public interface IReplyStore
{
    /// <summary>Stores the reply; false when that message id was stored for the referral before.</summary>
    Task<bool> TryRecordAsync(ReplyRecord record, CancellationToken cancellationToken);

    Task<ReplyRecord?> GetAsync(string referralId, string messageId, CancellationToken cancellationToken);
}

/// <summary>
/// One text from the client: the provider's message id, the words as sent, when it arrived, and the follow-up the number
/// was asked when it arrived (null when it answered something else, such as a slot offer).
/// </summary>
public sealed record ReplyRecord(string ReferralId, string MessageId, ReplyChannel Channel, string Text, DateTimeOffset ReceivedAt)
{
    public string? FollowUpId { get; init; }
}
