using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>
/// MD release and hold questions: email the oncologist a signed link, remind after <c>ReleaseReminderAfter</c>, remind
/// again, then alert the venue coordinator, and give up at the deadline. A coordinator may resend at any time.
/// Returns the decision, or null when the deadline passed.
/// </summary>
internal static class ReleaseStep
{
    private const int Reminders = 2;

    public static async Task<ReleaseAnswered> RequestReleaseAsync(Journey journey)
    {
        await journey.MoveAsync(Stage.MdReleaseRequested, "MD release requested from the referring oncologist");
        var decision = await AskAsync(journey, question: false, journey.Input.Timings.ReleaseExpiresAfter);
        if (decision is null)
        {
            await journey.CloseAsync(Stage.Expired, "No release decision before the deadline");
        }

        await journey.NoteAsync(TimelineKind.Decision, Describe(decision!, "Release"));
        if (decision!.Outcome == ReleaseOutcome.Declined)
        {
            await journey.CloseAsync(Stage.Declined, "The oncologist declined the release");
        }

        return decision;
    }

    /// <summary>A plan on hold: ask the oncologist the specific question; their answer (or its absence) decides.</summary>
    public static async Task<ReleaseAnswered> AskAboutHoldAsync(Journey journey, string holdSummary)
    {
        await journey.MoveAsync(Stage.NeedsMdInput, $"On hold until the oncologist answers: {holdSummary}");
        var answer = await AskAsync(journey, question: true, journey.Input.Timings.MdQuestionExpiresAfter);
        if (answer is null)
        {
            await journey.CloseAsync(Stage.Expired, "The oncologist did not answer the question about the plan before the deadline");
        }

        await journey.NoteAsync(TimelineKind.Decision, Describe(answer!, "Plan question answered:"));
        if (answer!.Outcome == ReleaseOutcome.Declined)
        {
            await journey.CloseAsync(Stage.Declined, "The oncologist advised against massage for now");
        }

        return answer;
    }

    private static async Task<ReleaseAnswered?> AskAsync(Journey journey, bool question, TimeSpan expiresAfter)
    {
        var timings = journey.Input.Timings;
        var deadline = journey.Now + expiresAfter;
        var respondBy = new DateTimeOffset(deadline, TimeSpan.Zero);
        var expectedKey = question ? ReleaseAnswers.QuestionKey(respondBy) : null;
        var attempt = 1;
        await SendAsync(journey, attempt, respondBy, question);
        var escalated = false;
        while (journey.Now < deadline)
        {
            var decision = journey.Listen<ReleaseAnswered>(WorkflowEvents.ReleaseDecided);
            var resend = journey.Listen<ResendRequest>(WorkflowEvents.ResendRequested);
            var next = journey.Now + timings.ReleaseReminderAfter;
            var remindOrEscalate = !escalated && next < deadline;
            using var cts = new CancellationTokenSource();
            var expiry = journey.Context.CreateTimer(deadline, cts.Token);
            Task tick = remindOrEscalate ? journey.Context.CreateTimer(next, cts.Token) : expiry;
            Task winner;
            try
            {
                winner = await journey.RaceAsync(decision, resend, expiry, tick);
            }
            finally
            {
                cts.Cancel(); // also when a cancel ends the journey: an open timer keeps the instance Running
            }

            if (winner == decision)
            {
                var answered = await journey.TakeAsync<ReleaseAnswered>(WorkflowEvents.ReleaseDecided);
                if (answered.QuestionKey == expectedKey)
                {
                    return answered;
                }

                continue; // a late or repeated answer to another question (e.g. the release, delivered twice): not this one
            }

            if (winner == resend)
            {
                var request = await journey.TakeAsync<ResendRequest>(WorkflowEvents.ResendRequested);
                await journey.NoteAsync(TimelineKind.CoordinatorAction, $"Resend requested by {request.By}");
                await SendAsync(journey, ++attempt, respondBy, question);
            }
            else if (winner == expiry)
            {
                return null;
            }
            else if (attempt <= Reminders)
            {
                await SendAsync(journey, ++attempt, respondBy, question);
            }
            else
            {
                await journey.NotifyCoordinatorAsync(CoordinatorNoticeKind.ReleaseOverdue, question ? $"md-question-overdue-{respondBy.ToUnixTimeSeconds()}" : "release-overdue", respondBy);
                escalated = true;
            }
        }

        return null;
    }

    private static Task<DispatchOutcome> SendAsync(Journey journey, int attempt, DateTimeOffset respondBy, bool question) =>
        journey.Context.CallSendMdReleaseRequestAsync(
            new MdReleaseRequestMessage(journey.Input.ReferralId, attempt, respondBy, journey.NextStep().Sequence, journey.NowOffset) { Question = question }, journey.Retry);

    /// <summary>Outcome only: the physician's name and restrictions are on the signed release, not in the history.</summary>
    private static string Describe(ReleaseAnswered decision, string what) => decision.Outcome switch
    {
        ReleaseOutcome.Approved => $"{what} approved by the oncologist",
        ReleaseOutcome.ApprovedWithRestrictions => $"{what} approved with restrictions by the oncologist (see the signed release and the plan)",
        _ => $"{what} declined by the oncologist",
    };
}
