using System.Globalization;
using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Answers;

/// <summary>Where a follow-up link stands when it is opened.</summary>
public enum FollowUpLinkState
{
    /// <summary>Its follow-up waits for an answer: show the form.</summary>
    Open,

    /// <summary>A link made before links were bound to a follow-up: it cannot say which follow-up it answers, so it answers nothing.</summary>
    Unbound,

    /// <summary>This follow-up was answered (through this link or by text).</summary>
    Answered,

    /// <summary>This follow-up's window closed without an answer.</summary>
    Closed,
}

/// <summary>A follow-up link as opened: its state and, when bound, which follow-up of which session it is for (the page words it: SurveyStrings.When).</summary>
public sealed record FollowUpLink(FollowUpLinkState State, string FollowUpId, FollowUpKind Kind, int SessionNumber)
{
    /// <summary>
    /// What was stored under the follow-up when the link was opened (null: nothing): a submit in the same request compares
    /// with it instead of reading it again (<see cref="AnswerRelay"/>'s first look).
    /// </summary>
    public FollowUpRecord? Stored { get; init; }
}

/// <summary>What a submitted follow-up answer did: stored (or repeated), or refused because another answer stands.</summary>
public sealed record FollowUpSubmission(RelayOutcome Outcome, RedFlagResult Screen);

/// <summary>
/// The web answer to a follow-up (the +7 day survey, and every follow-up of a client who is not texted), host-neutral:
/// the link names the follow-up (<see cref="Links.LinkCheck.Subject"/> = <see cref="FollowUps.Id"/>), the answer is stored
/// under that id only (ratings as given, text screened for red flags), and it reaches the orchestration through
/// <see cref="AnswerRelay"/> as a follow-up answer keyed with that id, so it can never fill another follow-up and a
/// failed raise is retried by the sweep. The HTTP function only binds the form and renders the result.
/// </summary>
public sealed class FollowUpSurvey(ISessionStore sessions, AnswerRelay relay, TimeProvider clock)
{
    /// <summary>Where the follow-up named by a link's subject stands; <see cref="FollowUpLinkState.Unbound"/> for a link without one.</summary>
    public async Task<FollowUpLink> OpenAsync(string referralId, string? subject, CancellationToken cancellationToken)
    {
        if (!FollowUps.TryParse(subject, out var kind, out var session))
        {
            return new FollowUpLink(FollowUpLinkState.Unbound, "", default, 0);
        }

        var stored = await sessions.GetFollowUpAsync(referralId, subject!, cancellationToken);
        var state = stored is null ? FollowUpLinkState.Open : stored.Replied ? FollowUpLinkState.Answered : FollowUpLinkState.Closed;
        return new FollowUpLink(state, subject!, kind, session) { Stored = stored };
    }

    /// <summary>
    /// Stores the answer to <paramref name="link"/>'s follow-up and hands it to the orchestration. A repeated submit of the
    /// same answer is thanked again (delivered once); a different answer to an answered follow-up is a conflict.
    /// </summary>
    public async Task<FollowUpSubmission> SubmitAsync(
        string referralId, string? venueId, FollowUpLink link, IReadOnlyList<(FollowUpItem Item, int Score)> ratings, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(ratings);
        if (link.State == FollowUpLinkState.Unbound)
        {
            throw new ArgumentException("An unbound link answers no follow-up.", nameof(link));
        }

        var now = clock.GetUtcNow();
        var screen = text is null ? RedFlagResult.Clear : RedFlagScreener.Screen(text);
        var record = new FollowUpRecord(referralId, link.FollowUpId, link.SessionNumber, link.Kind, Replied: true, now,
            ratings.Select(r => new FollowUpRating(referralId, link.FollowUpId, now, r.Item, r.Score)).ToArray(), text, screen.Level);
        var outcome = await relay.StoreAndRaiseAsync(new AnswerRef(referralId, AnswerKind.Survey, link.FollowUpId),
            async ct => Compare(await sessions.GetFollowUpAsync(referralId, link.FollowUpId, ct), record),
            ct => sessions.RecordFollowUpAsync(record, venueId, ct),
            cancellationToken, StoredAnswers.OfSurvey(record), firstLook: Compare(link.Stored, record));
        return new FollowUpSubmission(outcome, screen);
    }

    /// <summary>The same text and ratings: a repeated submit; anything else stored (an answer, or "no reply" after the window) stands.</summary>
    private static StoredAnswer Compare(FollowUpRecord? stored, FollowUpRecord submitted) =>
        stored is null ? StoredAnswer.None
        : stored.Replied && stored.Text == submitted.Text
            && stored.Ratings.Select(r => (r.Item, r.Score)).OrderBy(r => r.Item).SequenceEqual(submitted.Ratings.Select(r => (r.Item, r.Score)).OrderBy(r => r.Item))
            ? StoredAnswer.Same : StoredAnswer.Different;
}
