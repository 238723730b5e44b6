using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Tests.Orchestrations;

/// <summary>
/// The referral orchestrator against a strict mock context (<see cref="OrchestrationHarness"/>): the test plays the
/// oncologist, the client, the therapist and the clock, and asserts the stage moves and the activities, in order.
/// </summary>
public sealed class ReferralOrchestrationTests
{
    // 15:00 UTC = 10:00 in New York: outside quiet hours.
    private static readonly DateTime Start = new(2026, 11, 25, 15, 0, 0, DateTimeKind.Utc);
    private static readonly WorkflowTimings Timings = new WorkflowOptions().ToTimings();
    private static readonly ReferralWorkflowInput Input = new("ref-1", "harbor-infusion-center", Timings) { ClientTimeZone = "America/New_York", Version = WorkflowVersions.Current };
    private static readonly ReleaseAnswered Approved = new(ReleaseOutcome.Approved, new DateTimeOffset(Start, TimeSpan.Zero));

    private readonly OrchestrationHarness h = new(Start);

    public ReferralOrchestrationTests()
    {
        var first = new DateTimeOffset(Start.AddDays(3), TimeSpan.Zero);
        h.Slots =
        [
            new OfferedSlot("t1|a", "t1", first, first.AddHours(1)),
            new OfferedSlot("t2|b", "t2", first.AddDays(1), first.AddDays(1).AddHours(1)),
            new OfferedSlot("t1|c", "t1", first.AddDays(2), first.AddDays(2).AddHours(1)),
        ];
    }

    private Task<ReferralOutcome> Run(ReferralWorkflowInput? input = null) => new ReferralOrchestration().RunAsync(h.Context, input ?? Input);

    /// <summary>A text from the client: stored (the harness's reply store) and raised by message id only.</summary>
    private ClientReply Sms(string text, DateTime at) => Reply(text, at, ReplyChannel.Sms, "SM" + text.GetHashCode(StringComparison.Ordinal));

    /// <summary>A text answering a follow-up: the phone index knew which one the number was asked, so it is keyed with its id.</summary>
    private ClientReply FollowUpSms(string followUpId, string text, DateTime at) => Sms(text, at) with { FollowUpId = followUpId };

    private ClientReply Reply(string text, DateTime at, ReplyChannel channel, string messageId)
    {
        h.ReplyTexts[messageId] = text;
        return new ClientReply(new DateTimeOffset(at, TimeSpan.Zero), channel, messageId);
    }

    /// <summary>The oncologist's answer to the hold question asked last, keyed like the form keys it.</summary>
    private static ReleaseAnswered HoldAnswer(OrchestrationHarness harness) => Approved with
    {
        QuestionKey = ReleaseAnswers.QuestionKey(harness.Inputs<MdReleaseRequestMessage>(nameof(SendMdReleaseRequest)).Last(m => m.Question).RespondBy),
    };

    /// <summary>Plays everyone up to the booked slot; returns the running orchestration.</summary>
    private Task<ReferralOutcome> RunToSessionScheduled(ReferralWorkflowInput? input = null)
    {
        var run = Run(input);
        h.Raise(WorkflowEvents.ReleaseDecided, Approved);
        h.Raise(WorkflowEvents.IntakeSubmitted, new FormSubmitted(h.Now));
        h.Raise(WorkflowEvents.ClientReplied, Sms("2", h.Now));
        h.Raise(WorkflowEvents.ConsentSigned, new FormSubmitted(h.Now));
        return run;
    }

    [Fact]
    public async Task RunAsync_EveryoneAnswers_WalksEveryStageToCompleted()
    {
        var run = RunToSessionScheduled();
        h.Raise(WorkflowEvents.SessionRecorded, new SessionRecorded(1, h.Now));
        h.AdvanceBy(Timings.FirstFollowUpAfter);
        h.Raise(WorkflowEvents.FollowUpAnswered, FollowUpSms("sms24h-1", "pain 2 anxiety 1", h.Now));
        h.AdvanceBy(Timings.SecondFollowUpAfter);
        h.Raise(WorkflowEvents.FollowUpAnswered, Reply("all good", h.Now, ReplyChannel.Web, "survey-1") with { FollowUpId = "survey-1" });
        h.AdvanceBy(Timings.ThirdFollowUpAfter);
        h.Raise(WorkflowEvents.FollowUpAnswered, FollowUpSms("sms30d-1", "no problems", h.Now));

        var outcome = await run;

        Assert.Equal(Stage.Completed, outcome.FinalStage);
        Assert.Equal(
        [
            "Received->MdReleaseRequested", "MdReleaseRequested->IntakePending", "IntakePending->SchedulingPending",
            "SchedulingPending->ConsentPending", "ConsentPending->SessionScheduled", "SessionScheduled->SessionCompleted",
            "SessionCompleted->FollowUp", "FollowUp->CareTeamFeedback", "CareTeamFeedback->Completed",
        ], h.Moves);
        Assert.Equal(
            [ClientMessageKind.IntakeInvitation, ClientMessageKind.SlotOffer, ClientMessageKind.BookingConfirmed, ClientMessageKind.ConsentRequest,
             ClientMessageKind.FirstFollowUp, ClientMessageKind.SurveyFollowUp, ClientMessageKind.LastFollowUp],
            h.Inputs<ClientMessage>(nameof(SendClientMessage)).Select(m => m.Kind));
        Assert.Equal("t2|b", Assert.Single(h.Inputs<SlotBooking>(nameof(BookSlot))).Slot.SlotId);
        Assert.Single(h.Inputs<CareTeamSummaryMessage>(nameof(SendCareTeamSummary)));
        Assert.Empty(h.Inputs<ReferralClosing>(nameof(CloseReferral)));
    }

    [Fact]
    public async Task RunAsync_ClientAskedNotToContactTheCareTeam_CompletesWithoutSummaryAndSaysWhy()
    {
        h.Results[nameof(CheckCareTeamContactAllowed)] = _ => false;
        var run = RunToSessionScheduled();
        h.Raise(WorkflowEvents.SessionRecorded, new SessionRecorded(1, h.Now));
        h.AdvanceBy(Timings.FirstFollowUpAfter);
        h.Raise(WorkflowEvents.FollowUpAnswered, FollowUpSms("sms24h-1", "pain 2 anxiety 1", h.Now));
        h.AdvanceBy(Timings.SecondFollowUpAfter);
        h.Raise(WorkflowEvents.FollowUpAnswered, Reply("all good", h.Now, ReplyChannel.Web, "survey-1") with { FollowUpId = "survey-1" });
        h.AdvanceBy(Timings.ThirdFollowUpAfter);
        h.Raise(WorkflowEvents.FollowUpAnswered, FollowUpSms("sms30d-1", "no problems", h.Now));

        var outcome = await run;

        Assert.Equal(Stage.Completed, outcome.FinalStage);
        Assert.Equal("ref-1", Assert.Single(h.Inputs<CareTeamContactQuery>(nameof(CheckCareTeamContactAllowed))).ReferralId);
        Assert.Empty(h.Inputs<CareTeamSummaryMessage>(nameof(SendCareTeamSummary)));
        var toFeedback = Assert.Single(h.Inputs<StageChange>(nameof(RecordStageChange)), c => c.To == Stage.CareTeamFeedback);
        Assert.Contains("asked us not to contact their care team", toFeedback.Detail, StringComparison.Ordinal);
        Assert.Contains("care team not contacted", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EveryActivityWrite_UsesAFreshTimelineSequence()
    {
        var run = RunToSessionScheduled();
        h.Raise(WorkflowEvents.CancelRequested, new CancelRequest("coordinator", h.Now));
        await run;

        var sequences = h.Calls.Select(c => c.Input switch
        {
            StageChange s => s.Sequence,
            TimelineNote n => n.Entry.Sequence,
            MdReleaseRequestMessage m => m.TimelineSequence,
            ClientMessage m => m.Step.Sequence,
            PlanInput p => p.Step.Sequence,
            SlotBooking b => b.Step.Sequence,
            ReplyToProcess r => r.Step.Sequence,
            SessionReaction r => r.Step.Sequence,
            _ => 0,
        }).Where(s => s > 0).ToArray();
        Assert.Equal(sequences.Length, sequences.Distinct().Count());
    }

    [Fact]
    public async Task RunAsync_Declined_ClosesAsDeclinedWithoutIntake()
    {
        var run = Run();
        h.Raise(WorkflowEvents.ReleaseDecided, Approved with { Outcome = ReleaseOutcome.Declined });

        var outcome = await run;

        Assert.Equal(Stage.Declined, outcome.FinalStage);
        Assert.Equal(["Received->MdReleaseRequested", "MdReleaseRequested->Declined"], h.Moves);
        Assert.Empty(h.Inputs<ClientMessage>(nameof(SendClientMessage)));
    }

    [Fact]
    public async Task RunAsync_NoDecision_RemindsTwiceEscalatesThenExpires()
    {
        var run = Run();
        h.AdvanceBy(Timings.ReleaseExpiresAfter);

        var outcome = await run;

        Assert.Equal(Stage.Expired, outcome.FinalStage);
        Assert.Equal([1, 2, 3], h.Inputs<MdReleaseRequestMessage>(nameof(SendMdReleaseRequest)).Select(m => m.Attempt));
        var notice = Assert.Single(h.Inputs<CoordinatorNotice>(nameof(NotifyCoordinator)));
        Assert.Equal(CoordinatorNoticeKind.ReleaseOverdue, notice.Kind);
        Assert.Equal(Start + (3 * Timings.ReleaseReminderAfter), notice.Step.At.UtcDateTime);
        Assert.Single(h.Inputs<ReferralClosing>(nameof(CloseReferral)));
    }

    [Fact]
    public async Task RunAsync_CoordinatorResends_SendsAnotherAttemptAtOnce()
    {
        var run = Run();
        h.Raise(WorkflowEvents.ResendRequested, new ResendRequest("Cora", h.Now));
        h.Raise(WorkflowEvents.ReleaseDecided, Approved with { Outcome = ReleaseOutcome.Declined });
        await run;

        Assert.Equal([1, 2], h.Inputs<MdReleaseRequestMessage>(nameof(SendMdReleaseRequest)).Select(m => m.Attempt));
    }

    [Fact]
    public async Task RunAsync_IntakeNeverSubmitted_RemindsOnceThenExpires()
    {
        var run = Run();
        h.Raise(WorkflowEvents.ReleaseDecided, Approved);
        h.AdvanceBy(Timings.IntakeExpiresAfter);

        var outcome = await run;

        Assert.Equal(Stage.Expired, outcome.FinalStage);
        Assert.Equal([false, true], h.Inputs<ClientMessage>(nameof(SendClientMessage)).Select(m => m.Reminder));
        Assert.Empty(h.Inputs<PlanInput>(nameof(BuildAdaptationPlan)));
    }

    [Fact]
    public async Task RunAsync_PlanHasHold_AsksTheOncologistAndSchedulesOnlyAfterTheAnswer()
    {
        h.Results[nameof(BuildAdaptationPlan)] = input => new PlanOutcome(((PlanInput)input).Version, ((PlanInput)input).AnswerKey is null, 5, 1);
        var run = Run();
        h.Raise(WorkflowEvents.ReleaseDecided, Approved);
        h.Raise(WorkflowEvents.IntakeSubmitted, new FormSubmitted(h.Now));

        Assert.Equal("IntakePending->NeedsMdInput", h.Moves[^1]);
        Assert.True(h.Inputs<MdReleaseRequestMessage>(nameof(SendMdReleaseRequest)).Last().Question);
        Assert.DoesNotContain(h.Calls, c => c.Name == nameof(OfferSlots));

        var answer = HoldAnswer(h);
        h.Raise(WorkflowEvents.ReleaseDecided, answer);
        h.Raise(WorkflowEvents.CancelRequested, new CancelRequest("test", h.Now));
        await run;

        Assert.Contains("NeedsMdInput->SchedulingPending", h.Moves);
        Assert.Equal(answer.QuestionKey, h.Inputs<PlanInput>(nameof(BuildAdaptationPlan)).Last().AnswerKey);
    }

    [Fact]
    public async Task RunAsync_ReleaseAnswerDeliveredAgainDuringAHoldQuestion_IsNotTakenAsTheAnswer()
    {
        h.Results[nameof(BuildAdaptationPlan)] = input => new PlanOutcome(((PlanInput)input).Version, ((PlanInput)input).AnswerKey is null, 5, 1);
        var run = Run();
        h.Raise(WorkflowEvents.ReleaseDecided, Approved);
        h.Raise(WorkflowEvents.IntakeSubmitted, new FormSubmitted(h.Now));

        h.Raise(WorkflowEvents.ReleaseDecided, Approved); // the sweep raising the release a second time
        Assert.Equal("IntakePending->NeedsMdInput", h.Moves[^1]);
        h.Raise(WorkflowEvents.CancelRequested, new CancelRequest("test", h.Now));
        await run;

        Assert.DoesNotContain("NeedsMdInput->SchedulingPending", h.Moves);
    }

    [Fact]
    public async Task RunAsync_HoldQuestionDeclined_ClosesAsDeclined()
    {
        h.Results[nameof(BuildAdaptationPlan)] = input => new PlanOutcome(((PlanInput)input).Version, true, 5, 1);
        var run = Run();
        h.Raise(WorkflowEvents.ReleaseDecided, Approved);
        h.Raise(WorkflowEvents.IntakeSubmitted, new FormSubmitted(h.Now));
        h.Raise(WorkflowEvents.ReleaseDecided, HoldAnswer(h) with { Outcome = ReleaseOutcome.Declined });

        Assert.Equal(Stage.Declined, (await run).FinalStage);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileScheduling_FreesTheBookingAndCloses()
    {
        var run = Run();
        h.Raise(WorkflowEvents.ReleaseDecided, Approved);
        h.Raise(WorkflowEvents.IntakeSubmitted, new FormSubmitted(h.Now));
        h.Raise(WorkflowEvents.CancelRequested, new CancelRequest("Cora Coordinator", h.Now));

        var outcome = await run;

        Assert.Equal(new ReferralOutcome(Stage.Cancelled, "Cancelled by coordinator Cora Coordinator (the reason is on the timeline)"), outcome);
        Assert.Equal("SchedulingPending->Cancelled", h.Moves[^1]);
        Assert.Single(h.Inputs<ReferralClosing>(nameof(CloseReferral)));
    }

    [Fact]
    public async Task RunAsync_ConsentWithdrawnBeforeTheSession_ClosesAsWithdrawn()
    {
        var run = RunToSessionScheduled();
        h.Raise(WorkflowEvents.ConsentWithdrawn, new ConsentWithdrawal(h.Now));

        var outcome = await run;

        Assert.Equal(Stage.Withdrawn, outcome.FinalStage);
        Assert.Equal("SessionScheduled->Withdrawn", h.Moves[^1]);
        Assert.DoesNotContain(h.Calls, c => c.Name == nameof(SendClientMessage) && ((ClientMessage)c.Input).Kind == ClientMessageKind.SessionReminder);
    }

    [Fact]
    public async Task RunAsync_IntakeAnswerIsAnImmediateRedFlag_AdvisesTheClientAtOnceAndRaisesAnEscalatingFlag()
    {
        h.Results[nameof(ScreenFormAnswer)] = input => ((FormAnswerToScreen)input).Kind == FormAnswerKind.Intake ? RedFlagLevel.Immediate : RedFlagLevel.None;
        var run = Run();
        h.Raise(WorkflowEvents.ReleaseDecided, Approved);
        h.Raise(WorkflowEvents.IntakeSubmitted, new FormSubmitted(h.Now));
        h.Raise(WorkflowEvents.CancelRequested, new CancelRequest("test", h.Now));
        await run;

        var screened = Assert.Single(h.Inputs<FormAnswerToScreen>(nameof(ScreenFormAnswer)));
        Assert.Equal(FormAnswerKind.Intake, screened.Kind);
        var advice = Assert.Single(h.Inputs<ClientMessage>(nameof(SendClientMessage)), m => m.Kind == ClientMessageKind.UrgentAdvice);
        Assert.Equal("urgent:form-intake", advice.Key);
        var flag = Assert.Single(h.Inputs<RedFlagToRaise>(nameof(RaiseRedFlag)));
        Assert.Equal((RedFlagLevel.Immediate, "form-intake"), (flag.Level, flag.SourceId));
        var order = h.Calls.Select(c => c.Name).ToList();
        Assert.True(order.IndexOf(nameof(RaiseRedFlag)) < order.IndexOf(nameof(OfferSlots)), "the flag is raised before scheduling goes on");
    }

    [Fact]
    public async Task RunAsync_IntakeAnswerIsSameDay_RaisesAFlagWithoutUrgentAdvice()
    {
        h.Results[nameof(ScreenFormAnswer)] = _ => RedFlagLevel.SameDay;
        var run = Run();
        h.Raise(WorkflowEvents.ReleaseDecided, Approved);
        h.Raise(WorkflowEvents.IntakeSubmitted, new FormSubmitted(h.Now));
        h.Raise(WorkflowEvents.CancelRequested, new CancelRequest("test", h.Now));
        await run;

        Assert.Equal(RedFlagLevel.SameDay, Assert.Single(h.Inputs<RedFlagToRaise>(nameof(RaiseRedFlag))).Level);
        Assert.DoesNotContain(h.Inputs<ClientMessage>(nameof(SendClientMessage)), m => m.Kind == ClientMessageKind.UrgentAdvice);
    }

    [Fact]
    public async Task RunAsync_PlainIntakeAnswer_IsScreenedAndRaisesNothing()
    {
        var run = RunToSessionScheduled();
        h.Raise(WorkflowEvents.CancelRequested, new CancelRequest("test", h.Now));
        await run;

        Assert.Single(h.Inputs<FormAnswerToScreen>(nameof(ScreenFormAnswer)), s => s.Kind == FormAnswerKind.Intake);
        Assert.Empty(h.Inputs<RedFlagToRaise>(nameof(RaiseRedFlag)));
    }

    [Fact]
    public async Task RunAsync_WithdrawalReasonIsARedFlag_RaisesTheFlagAndStillClosesAsWithdrawn()
    {
        h.Results[nameof(ScreenFormAnswer)] = input => ((FormAnswerToScreen)input).Kind == FormAnswerKind.Withdrawal ? RedFlagLevel.Immediate : RedFlagLevel.None;
        var run = RunToSessionScheduled();
        h.Raise(WorkflowEvents.ConsentWithdrawn, new ConsentWithdrawal(h.Now));

        var outcome = await run;

        Assert.Equal(Stage.Withdrawn, outcome.FinalStage);
        Assert.Single(h.Inputs<ClientMessage>(nameof(SendClientMessage)), m => m.Kind == ClientMessageKind.UrgentAdvice && m.Key == "urgent:form-withdrawal");
        Assert.Equal((RedFlagLevel.Immediate, "form-withdrawal"), Assert.Single(h.Inputs<RedFlagToRaise>(nameof(RaiseRedFlag))) is var f ? (f.Level, f.SourceId) : default);
    }

    [Fact]
    public async Task RunAsync_SlotTakenMeanwhile_OffersFreshSlots()
    {
        var booked = 0;
        h.Results[nameof(BookSlot)] = _ => ++booked > 1;
        var run = Run();
        h.Raise(WorkflowEvents.ReleaseDecided, Approved);
        h.Raise(WorkflowEvents.IntakeSubmitted, new FormSubmitted(h.Now));
        h.Raise(WorkflowEvents.ClientReplied, Sms("1", h.Now));
        h.Raise(WorkflowEvents.ClientReplied, Sms("3", h.Now));
        h.Raise(WorkflowEvents.CancelRequested, new CancelRequest("test", h.Now));
        await run;

        Assert.Equal(2, h.Calls.Count(c => c.Name == nameof(OfferSlots)));
        Assert.Equal(["t1|a", "t1|c"], h.Inputs<SlotBooking>(nameof(BookSlot)).Select(b => b.Slot.SlotId));
        Assert.Contains("SchedulingPending->ConsentPending", h.Moves);
    }

    [Fact]
    public async Task RunAsync_CoordinatorBooksASlot_SkipsTheClientsChoice()
    {
        var run = Run();
        h.Raise(WorkflowEvents.ReleaseDecided, Approved);
        h.Raise(WorkflowEvents.IntakeSubmitted, new FormSubmitted(h.Now));
        var slot = h.Slots[2];
        h.Raise(WorkflowEvents.SlotChosen, new SlotChosen(slot.SlotId, slot.StartsAt, slot.EndsAt, slot.TherapistId, "Cora"));
        h.Raise(WorkflowEvents.CancelRequested, new CancelRequest("test", h.Now));
        await run;

        Assert.Empty(h.Inputs<SlotBooking>(nameof(BookSlot)));
        Assert.Equal(slot.StartsAt, h.Inputs<ClientMessage>(nameof(SendClientMessage)).Single(m => m.Kind == ClientMessageKind.BookingConfirmed).SessionStartsAt);
    }

    [Fact]
    public async Task RunAsync_NoSlotsFree_AlertsTheCoordinator()
    {
        h.Slots = [];
        var run = Run();
        h.Raise(WorkflowEvents.ReleaseDecided, Approved);
        h.Raise(WorkflowEvents.IntakeSubmitted, new FormSubmitted(h.Now));
        h.Raise(WorkflowEvents.CancelRequested, new CancelRequest("test", h.Now));
        await run;

        Assert.Equal(CoordinatorNoticeKind.NoSlotsAvailable, Assert.Single(h.Inputs<CoordinatorNotice>(nameof(NotifyCoordinator))).Kind);
        Assert.DoesNotContain(h.Inputs<ClientMessage>(nameof(SendClientMessage)), m => m.Kind == ClientMessageKind.SlotOffer);
    }

    [Fact]
    public async Task RunAsync_DayBeforeTheSession_RemindsTheClient()
    {
        var run = RunToSessionScheduled();
        h.AdvanceTo(h.Slots[1].StartsAt.UtcDateTime - Timings.SessionReminderBefore);
        h.Raise(WorkflowEvents.SessionRecorded, new SessionRecorded(1, h.Now));
        h.Raise(WorkflowEvents.CancelRequested, new CancelRequest("test", h.Now));
        await run;

        var reminder = h.Inputs<ClientMessage>(nameof(SendClientMessage)).Single(m => m.Kind == ClientMessageKind.SessionReminder);
        Assert.Equal(h.Slots[1].StartsAt, reminder.SessionStartsAt);
    }

    [Fact]
    public async Task RunAsync_SessionNotRecordedInTime_AlertsTheCoordinatorAndKeepsWaiting()
    {
        var run = RunToSessionScheduled();
        h.AdvanceTo(h.Slots[1].EndsAt.UtcDateTime + Timings.SessionRecordGrace);
        Assert.Equal(CoordinatorNoticeKind.SessionNotRecorded, Assert.Single(h.Inputs<CoordinatorNotice>(nameof(NotifyCoordinator))).Kind);
        Assert.DoesNotContain(DateTime.MaxValue, h.PendingTimers); // waits without a deadline: no far-future timer

        h.Raise(WorkflowEvents.SessionRecorded, new SessionRecorded(1, h.Now));
        h.Raise(WorkflowEvents.CancelRequested, new CancelRequest("test", h.Now));
        await run;

        Assert.Contains("SessionScheduled->SessionCompleted", h.Moves);
    }

    private SessionRescheduled MovedBy(int days) =>
        new($"t1|moved-{days}", h.Slots[1].StartsAt.AddDays(days), h.Slots[1].EndsAt.AddDays(days), "t1", "coord-1");

    [Fact]
    public async Task RunAsync_SessionRescheduledTwice_ConfirmsEachNewTimeAtTheNextRevisionAndRemindsOnlyForTheTimeThatHolds()
    {
        var run = RunToSessionScheduled();
        var first = MovedBy(3);
        var second = MovedBy(5);
        h.Raise(WorkflowEvents.SessionRescheduled, first);
        h.Raise(WorkflowEvents.SessionRescheduled, second);
        h.AdvanceTo(h.Slots[1].StartsAt.UtcDateTime); // the original time passes: no reminder, no alert for it
        Assert.Empty(h.Inputs<CoordinatorNotice>(nameof(NotifyCoordinator)));
        h.AdvanceTo(second.StartsAt.UtcDateTime - Timings.SessionReminderBefore);
        h.Raise(WorkflowEvents.SessionRecorded, new SessionRecorded(1, h.Now));
        h.Raise(WorkflowEvents.CancelRequested, new CancelRequest("test", h.Now));
        await run;

        var sent = h.Inputs<ClientMessage>(nameof(SendClientMessage));
        Assert.Equal(
            [("booked:1", 0, h.Slots[1].StartsAt), ("booked:1:1", 1, first.StartsAt), ("booked:1:2", 2, second.StartsAt)],
            sent.Where(m => m.Kind == ClientMessageKind.BookingConfirmed).Select(m => (m.Key, m.Revision, m.SessionStartsAt!.Value)));
        Assert.All(sent.Where(m => m.Kind == ClientMessageKind.BookingConfirmed), m => Assert.Equal(1, m.SessionNumber));
        var reminder = Assert.Single(sent, m => m.Kind == ClientMessageKind.SessionReminder);
        Assert.Equal(("session-reminder:1:2", second.StartsAt, 2), (reminder.Key, reminder.SessionStartsAt!.Value, reminder.Revision));
        Assert.Equal(2, h.Inputs<TimelineNote>(nameof(RecordTimelineEntry)).Count(n => n.Entry.Detail.Contains("moved to", StringComparison.Ordinal)));
        Assert.Contains("SessionScheduled->SessionCompleted", h.Moves);
    }

    [Fact]
    public async Task RunAsync_RescheduledAfterTheReminder_RemindsAgainForTheNewTimeAndTheRecordDeadlineFollowsIt()
    {
        var run = RunToSessionScheduled();
        h.AdvanceTo(h.Slots[1].StartsAt.UtcDateTime - Timings.SessionReminderBefore);
        var moved = MovedBy(4);
        h.Raise(WorkflowEvents.SessionRescheduled, moved);
        h.AdvanceTo(h.Slots[1].EndsAt.UtcDateTime + Timings.SessionRecordGrace);
        Assert.Empty(h.Inputs<CoordinatorNotice>(nameof(NotifyCoordinator))); // the old slot's deadline no longer holds
        h.AdvanceTo(moved.EndsAt.UtcDateTime + Timings.SessionRecordGrace);
        var notice = Assert.Single(h.Inputs<CoordinatorNotice>(nameof(NotifyCoordinator)));
        h.Raise(WorkflowEvents.SessionRecorded, new SessionRecorded(1, h.Now));
        h.Raise(WorkflowEvents.CancelRequested, new CancelRequest("test", h.Now));
        await run;

        Assert.Equal((CoordinatorNoticeKind.SessionNotRecorded, "session-not-recorded-1:1"), (notice.Kind, notice.Key));
        Assert.Equal(
            [("session-reminder:1", h.Slots[1].StartsAt), ("session-reminder:1:1", moved.StartsAt)],
            h.Inputs<ClientMessage>(nameof(SendClientMessage)).Where(m => m.Kind == ClientMessageKind.SessionReminder).Select(m => (m.Key, m.SessionStartsAt!.Value)));
    }

    [Fact]
    public async Task RunAsync_InstanceStartedBeforeReschedules_ReplaysWithoutHearingThem()
    {
        var run = RunToSessionScheduled(Input with { Version = WorkflowVersions.FormAnswersScreened });
        h.Raise(WorkflowEvents.SessionRescheduled, MovedBy(3));
        h.AdvanceTo(h.Slots[1].EndsAt.UtcDateTime + Timings.SessionRecordGrace);
        h.Raise(WorkflowEvents.SessionRecorded, new SessionRecorded(1, h.Now));
        h.Raise(WorkflowEvents.CancelRequested, new CancelRequest("test", h.Now));
        await run;

        Assert.Equal(["booked:1"], h.Inputs<ClientMessage>(nameof(SendClientMessage)).Where(m => m.Kind == ClientMessageKind.BookingConfirmed).Select(m => m.Key));
        Assert.Equal("session-not-recorded-1", Assert.Single(h.Inputs<CoordinatorNotice>(nameof(NotifyCoordinator))).Key);
    }

    [Fact]
    public async Task RunAsync_NoFollowUpReply_RecordsNoReplyNotAScore()
    {
        var run = RunToSessionScheduled();
        h.Raise(WorkflowEvents.SessionRecorded, new SessionRecorded(1, h.Now));
        h.AdvanceBy(Timings.FirstFollowUpAfter + Timings.FollowUpReplyWindow);
        h.Raise(WorkflowEvents.CancelRequested, new CancelRequest("test", h.Now));
        await run;

        var closed = Assert.Single(h.Inputs<FollowUpWindowClosed>(nameof(CloseFollowUp)));
        Assert.Equal(FollowUpKind.Sms24Hours, closed.Kind);
        Assert.DoesNotContain(h.Inputs<ReplyToProcess>(nameof(ProcessClientReply)), r => r.FollowUp is not null);
    }

    [Fact]
    public async Task RunAsync_RedFlagReply_RaisesAnImmediateFlagAtOnce()
    {
        var run = RunToSessionScheduled();
        h.Raise(WorkflowEvents.SessionRecorded, new SessionRecorded(1, h.Now));
        h.AdvanceBy(Timings.FirstFollowUpAfter);
        h.Raise(WorkflowEvents.FollowUpAnswered, FollowUpSms("sms24h-1", "I can't breathe and my chest hurts", h.Now));
        h.Raise(WorkflowEvents.CancelRequested, new CancelRequest("test", h.Now));
        await run;

        var raised = Assert.Single(h.Inputs<RedFlagToRaise>(nameof(RaiseRedFlag)));
        Assert.Equal((RedFlagLevel.Immediate, Input.ReferralId), (raised.Level, raised.ReferralId));
    }

    [Fact]
    public async Task RunAsync_EachFollowUp_IsSentAndAwaitedUnderItsOwnKey()
    {
        var run = RunToSessionScheduled();
        h.Raise(WorkflowEvents.SessionRecorded, new SessionRecorded(1, h.Now));
        h.AdvanceBy(Timings.FirstFollowUpAfter);
        h.Raise(WorkflowEvents.FollowUpAnswered, FollowUpSms("sms24h-1", "pain 2", h.Now));
        h.AdvanceBy(Timings.SecondFollowUpAfter);
        h.Raise(WorkflowEvents.FollowUpAnswered, Reply("all good", h.Now, ReplyChannel.Web, "survey-1") with { FollowUpId = "survey-1" });
        h.AdvanceBy(Timings.ThirdFollowUpAfter - Timings.SecondFollowUpAfter - Timings.FirstFollowUpAfter); // the +30 day text goes out
        h.Raise(WorkflowEvents.FollowUpAnswered, FollowUpSms("sms30d-1", "fine", h.Now));
        await run;

        var followUps = h.Inputs<ClientMessage>(nameof(SendClientMessage)).Where(m => m.FollowUpId is not null).ToArray();
        Assert.Equal(["sms24h-1", "survey-1", "sms30d-1"], followUps.Select(m => m.FollowUpId));
        Assert.All(followUps, m => Assert.Equal(m.Key, m.FollowUpId));
        Assert.Equal([FollowUpKind.Sms24Hours, FollowUpKind.Email7Days, FollowUpKind.Sms30Days],
            h.Inputs<ReplyToProcess>(nameof(ProcessClientReply)).Where(r => r.FollowUp is not null).Select(r => r.FollowUp!.Value));
    }

    [Fact]
    public async Task RunAsync_AnswerToAnEarlierFollowUpAfterItsWindow_IsHandledAsLateAndNeverFillsTheOpenOne()
    {
        var run = RunToSessionScheduled();
        h.Raise(WorkflowEvents.SessionRecorded, new SessionRecorded(1, h.Now));
        h.AdvanceBy(Timings.FirstFollowUpAfter + Timings.FollowUpReplyWindow); // +24 h closes unanswered
        h.AdvanceBy(Timings.SecondFollowUpAfter - Timings.FirstFollowUpAfter - Timings.FollowUpReplyWindow); // the +7 day survey is out

        h.Raise(WorkflowEvents.FollowUpAnswered, Reply("pain 3", h.Now, ReplyChannel.Web, "sms24h-1") with { FollowUpId = "sms24h-1" });
        var late = Assert.Single(h.Inputs<ReplyToProcess>(nameof(ProcessClientReply)), r => r.FollowUp is not null);
        Assert.Equal((FollowUpKind.Sms24Hours, 1, true), (late.FollowUp, late.SessionNumber, late.Late));
        Assert.Equal(["sms24h-1"], h.Inputs<FollowUpWindowClosed>(nameof(CloseFollowUp)).Select(c => FollowUps.Id(c.Kind, c.SessionNumber)));

        h.Raise(WorkflowEvents.FollowUpAnswered, Reply("all good", h.Now, ReplyChannel.Web, "survey-1") with { FollowUpId = "survey-1" });
        h.Raise(WorkflowEvents.CancelRequested, new CancelRequest("test", h.Now));
        await run;

        var survey = h.Inputs<ReplyToProcess>(nameof(ProcessClientReply)).Last();
        Assert.Equal((FollowUpKind.Email7Days, false), (survey.FollowUp, survey.Late));
        Assert.DoesNotContain(h.Inputs<FollowUpWindowClosed>(nameof(CloseFollowUp)), c => c.Kind == FollowUpKind.Email7Days);
    }

    [Fact]
    public async Task RunAsync_FollowUpAnswerDeliveredTwice_IsHandledOnce()
    {
        var run = RunToSessionScheduled();
        h.Raise(WorkflowEvents.SessionRecorded, new SessionRecorded(1, h.Now));
        h.AdvanceBy(Timings.FirstFollowUpAfter);
        var answer = FollowUpSms("sms24h-1", "pain 2", h.Now);
        h.Raise(WorkflowEvents.FollowUpAnswered, answer);
        h.AdvanceBy(Timings.SecondFollowUpAfter);
        h.Raise(WorkflowEvents.FollowUpAnswered, answer); // the sweep raised it again
        h.Raise(WorkflowEvents.CancelRequested, new CancelRequest("test", h.Now));
        await run;

        Assert.Single(h.Inputs<ReplyToProcess>(nameof(ProcessClientReply)), r => r.FollowUp is not null);
    }

    [Fact]
    public async Task RunAsync_RecordedReactionIsARedFlag_RaisesAnEscalatingFlagBeforeTheFollowUps()
    {
        var run = RunToSessionScheduled();
        h.Results[nameof(ScreenSessionReaction)] = _ => new ReactionOutcome(RedFlagLevel.SameDay, false);
        h.Raise(WorkflowEvents.SessionRecorded, new SessionRecorded(1, h.Now));
        h.Raise(WorkflowEvents.CancelRequested, new CancelRequest("test", h.Now));
        await run;

        var screened = Assert.Single(h.Inputs<SessionReaction>(nameof(ScreenSessionReaction)));
        var flag = Assert.Single(h.Inputs<RedFlagToRaise>(nameof(RaiseRedFlag)));
        Assert.Equal((1, RedFlagLevel.SameDay, "red-flag-reaction-1"), (screened.SessionNumber, flag.Level, flag.SourceId));
        Assert.DoesNotContain(h.Inputs<ClientMessage>(nameof(SendClientMessage)), m => m.FollowUpId is not null);
    }

    [Fact]
    public async Task RunAsync_RecordedReactionLowersThePlan_TightensItBeforeTheNextSessionThoughTheReplyIsPlain()
    {
        var run = RunToSessionScheduled(Input with { SessionsAuthorised = 2 });
        h.Results[nameof(ScreenSessionReaction)] = _ => new ReactionOutcome(RedFlagLevel.SameDay, true);
        h.Raise(WorkflowEvents.SessionRecorded, new SessionRecorded(1, h.Now));
        h.AdvanceBy(Timings.FirstFollowUpAfter);
        h.Raise(WorkflowEvents.FollowUpAnswered, FollowUpSms("sms24h-1", "3 2 1 0", h.Now));

        await run;

        Assert.Equal([(1, (int?)null), (3, 1)], h.Inputs<PlanInput>(nameof(BuildAdaptationPlan)).Select(p => (p.Version, p.AfterSession)));
        Assert.NotNull(h.ContinuedAsNew);
    }

    [Fact]
    public async Task RunAsync_NoReactionAndAPlainReply_KeepsThePlanForTheNextSession()
    {
        var run = RunToSessionScheduled(Input with { SessionsAuthorised = 2 });
        h.Raise(WorkflowEvents.SessionRecorded, new SessionRecorded(1, h.Now));
        h.AdvanceBy(Timings.FirstFollowUpAfter);
        h.Raise(WorkflowEvents.FollowUpAnswered, FollowUpSms("sms24h-1", "3 2 1 0", h.Now));

        await run;

        Assert.DoesNotContain(h.Inputs<PlanInput>(nameof(BuildAdaptationPlan)), p => p.AfterSession is not null);
        Assert.Empty(h.Inputs<CoordinatorNotice>(nameof(NotifyCoordinator)));
    }

    [Fact]
    public async Task RunAsync_SeriesOfTwo_ContinuesAsNewAfterTheFirstSessionsFollowUp()
    {
        var run = RunToSessionScheduled(Input with { SessionsAuthorised = 2 });
        h.Raise(WorkflowEvents.SessionRecorded, new SessionRecorded(1, h.Now));
        h.AdvanceBy(Timings.FirstFollowUpAfter);
        h.Raise(WorkflowEvents.FollowUpAnswered, FollowUpSms("sms24h-1", "3 2 1 0", h.Now));

        await run;

        var next = Assert.IsType<ReferralWorkflowInput>(h.ContinuedAsNew);
        Assert.Equal(new JourneyResume(Stage.FollowUp, 2, next.Resume!.NextSequence), next.Resume);
        Assert.Empty(h.Inputs<CareTeamSummaryMessage>(nameof(SendCareTeamSummary)));
    }

    [Fact]
    public async Task RunAsync_SeriesReplyReportsFluLikeIllness_TightensThePlanBeforeTheNextSession()
    {
        var run = RunToSessionScheduled(Input with { SessionsAuthorised = 2 });
        h.Results[nameof(ProcessClientReply)] = _ => new ReplyOutcome(ReplyKind.FreeText, null, RedFlagLevel.SameDay) { LowersNextPlan = true };
        h.Raise(WorkflowEvents.SessionRecorded, new SessionRecorded(1, h.Now));
        h.AdvanceBy(Timings.FirstFollowUpAfter);
        h.Raise(WorkflowEvents.FollowUpAnswered, FollowUpSms("sms24h-1", "wiped out and achy all over", h.Now));

        await run;

        var plans = h.Inputs<PlanInput>(nameof(BuildAdaptationPlan)).ToArray();
        Assert.Equal([(1, (int?)null), (3, 1)], plans.Select(p => (p.Version, p.AfterSession)));
        Assert.Equal(RedFlagLevel.SameDay, Assert.Single(h.Inputs<RedFlagToRaise>(nameof(RaiseRedFlag))).Level);
        Assert.NotNull(h.ContinuedAsNew);
    }

    [Fact]
    public async Task RunAsync_TightenedPlanHasAHold_AsksTheOncologistBeforeTheNextSession()
    {
        var run = RunToSessionScheduled(Input with { SessionsAuthorised = 2 });
        h.Results[nameof(ProcessClientReply)] = _ => new ReplyOutcome(ReplyKind.FreeText, null, RedFlagLevel.SameDay) { LowersNextPlan = true };
        h.Results[nameof(BuildAdaptationPlan)] = input => input is PlanInput { AfterSession: not null, AnswerKey: null } p
            ? new PlanOutcome(p.Version, true, 5, 1)
            : new PlanOutcome(((PlanInput)input).Version, false, 4, 0);
        h.Raise(WorkflowEvents.SessionRecorded, new SessionRecorded(1, h.Now));
        h.AdvanceBy(Timings.FirstFollowUpAfter);
        h.Raise(WorkflowEvents.FollowUpAnswered, FollowUpSms("sms24h-1", "I keep vomiting", h.Now));
        h.Raise(WorkflowEvents.ReleaseDecided, HoldAnswer(h));

        await run;

        Assert.Contains("FollowUp->NeedsMdInput", h.Moves);
        Assert.Equal([3, 4], h.Inputs<PlanInput>(nameof(BuildAdaptationPlan)).Where(p => p.AfterSession == 1).Select(p => p.Version));
        Assert.NotNull(h.ContinuedAsNew);
    }

    [Fact]
    public async Task RunAsync_SecondSessionOfASeries_SchedulesWithoutAskingConsentAgain()
    {
        var input = Input with { SessionsAuthorised = 2, Resume = new JourneyResume(Stage.FollowUp, 2, 40) };
        var run = Run(input);
        h.Raise(WorkflowEvents.ClientReplied, Sms("1", h.Now));
        h.Raise(WorkflowEvents.CancelRequested, new CancelRequest("test", h.Now));
        await run;

        Assert.Equal(["FollowUp->SchedulingPending", "SchedulingPending->SessionScheduled", "SessionScheduled->Cancelled"], h.Moves);
        Assert.Equal(40, h.Inputs<StageChange>(nameof(RecordStageChange)).First().Sequence);
    }

    [Fact]
    public async Task RunAsync_MessageDueAtNight_WaitsForMorningInTheClientsTimeZone()
    {
        var night = new OrchestrationHarness(new DateTime(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc)); // 22:00 in New York
        var run = new ReferralOrchestration().RunAsync(night.Context, Input);
        night.Raise(WorkflowEvents.ReleaseDecided, Approved);

        Assert.Empty(night.Inputs<ClientMessage>(nameof(SendClientMessage)));
        night.AdvanceTo(new DateTime(2026, 11, 26, 13, 0, 0, DateTimeKind.Utc)); // 08:00 EST
        var invitation = Assert.Single(night.Inputs<ClientMessage>(nameof(SendClientMessage)));
        Assert.Equal(new DateTime(2026, 11, 26, 13, 0, 0, DateTimeKind.Utc), invitation.Step.At.UtcDateTime);

        night.Raise(WorkflowEvents.CancelRequested, new CancelRequest("test", night.Now));
        await run;
    }

    [Fact]
    public async Task RunAsync_IntakeRedFlagAtNight_UrgentAdviceGoesAtOnceNotInTheMorning()
    {
        var night = new OrchestrationHarness(new DateTime(2026, 11, 26, 13, 0, 0, DateTimeKind.Utc)); // 08:00 in New York
        night.Results[nameof(ScreenFormAnswer)] = _ => RedFlagLevel.Immediate;
        var run = new ReferralOrchestration().RunAsync(night.Context, Input);
        night.Raise(WorkflowEvents.ReleaseDecided, Approved);
        night.AdvanceTo(new DateTime(2026, 11, 27, 4, 0, 0, DateTimeKind.Utc)); // 23:00 in New York, the intake invitation long sent
        night.Raise(WorkflowEvents.IntakeSubmitted, new FormSubmitted(night.Now));

        var advice = Assert.Single(night.Inputs<ClientMessage>(nameof(SendClientMessage)), m => m.Kind == ClientMessageKind.UrgentAdvice);
        Assert.Equal(new DateTime(2026, 11, 27, 4, 0, 0, DateTimeKind.Utc), advice.Step.At.UtcDateTime);

        night.Raise(WorkflowEvents.CancelRequested, new CancelRequest("test", night.Now));
        await run;
    }

    [Fact]
    public async Task RunAsync_InstanceStartedBeforeFormScreening_ReplaysWithoutTheScreeningStep()
    {
        h.Results[nameof(ScreenFormAnswer)] = _ => RedFlagLevel.Immediate;
        var run = RunToSessionScheduled(Input with { Version = WorkflowVersions.Unversioned });
        h.Raise(WorkflowEvents.ConsentWithdrawn, new ConsentWithdrawal(h.Now));

        Assert.Equal(Stage.Withdrawn, (await run).FinalStage);
        Assert.DoesNotContain(h.Calls, c => c.Name == nameof(ScreenFormAnswer));
        Assert.Empty(h.Inputs<RedFlagToRaise>(nameof(RaiseRedFlag)));
    }

    [Fact]
    public async Task RunAsync_OlderInstanceContinuesAsNew_TheNextEpisodeRunsTheCurrentVersion()
    {
        var run = RunToSessionScheduled(Input with { Version = WorkflowVersions.Unversioned, SessionsAuthorised = 2 });
        h.Raise(WorkflowEvents.SessionRecorded, new SessionRecorded(1, h.Now));
        h.AdvanceBy(Timings.FirstFollowUpAfter);
        h.Raise(WorkflowEvents.FollowUpAnswered, FollowUpSms("sms24h-1", "3 2 1 0", h.Now));
        await run;

        var next = Assert.IsType<ReferralWorkflowInput>(h.ContinuedAsNew);
        Assert.Equal((WorkflowVersions.Current, 2), (next.Version, next.Resume!.SessionNumber));
    }

    [Fact]
    public void ReferralWorkflowInput_WrittenByAnOlderReleaseWithoutAVersion_ReadsAsUnversioned()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(Input);
        var old = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        old.Remove(nameof(ReferralWorkflowInput.Version));

        var read = System.Text.Json.JsonSerializer.Deserialize<ReferralWorkflowInput>(old.ToJsonString())!;

        Assert.Equal(WorkflowVersions.Unversioned, read.Version);
    }
}
