using OncologyMassage.Domain.Replies;

namespace OncologyMassage.Workflow.Ports;

/// <summary>
/// Which referral a text from a number belongs to (table <c>PhoneIndex</c>, partition = E.164 number): an inbound SMS
/// is routed with one point read. The orchestration marks a number as awaiting a reply when it asks a question and
/// clears it when the answer or the window's end arrives.
/// </summary>
public interface IPhoneIndex
{
    /// <summary>Records that <paramref name="awaiting"/>.ReferralId waits for a reply from the number (replaces any older wait).</summary>
    Task SetAwaitingAsync(AwaitingReply awaiting, CancellationToken cancellationToken);

    /// <summary>The referral waiting for a reply from this number, if any.</summary>
    Task<AwaitingReply?> FindAwaitingAsync(string phoneE164, CancellationToken cancellationToken);

    /// <summary>Clears the wait if it still belongs to the referral (a newer referral's wait is left alone).</summary>
    Task ClearAwaitingAsync(string phoneE164, string referralId, CancellationToken cancellationToken);

    /// <summary>Clears the wait only if it is the referral's wait for that follow-up (a later follow-up's wait is left alone).</summary>
    Task ClearAwaitingFollowUpAsync(string phoneE164, string referralId, string followUpId, CancellationToken cancellationToken);

    /// <summary>Every referral ever texted from this number (STOP/START apply to all of them).</summary>
    Task<IReadOnlyList<string>> ReferralsOfAsync(string phoneE164, CancellationToken cancellationToken);

    /// <summary>Remembers that the referral uses this number (written when the referral is accepted). Idempotent.</summary>
    Task AddReferralAsync(string phoneE164, string referralId, CancellationToken cancellationToken);
}

/// <summary>
/// A referral waiting for a text reply, and what kind of answer it expects (ratings, a slot choice 1–N, free text);
/// <see cref="FollowUpId"/> names the follow-up asked (null for a question that is not a follow-up), so a reply is filed
/// under the follow-up that is actually open, never guessed.
/// </summary>
public sealed record AwaitingReply(string PhoneE164, string ReferralId, ReplyExpectation Expecting, int SlotCount, DateTimeOffset Since)
{
    public string? FollowUpId { get; init; }

    /// <summary>The client's language (BCP 47), so the automatic answer to the reply is in it; null reads as English.</summary>
    public string? Language { get; init; }
}
