using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Escalation;
using OncologyMassage.Workflow.Orchestrations;

namespace OncologyMassage.Workflow.Tests.Orchestrations;

public sealed class FlagEscalationOrchestrationTests
{
    // Wednesday 2026-12-02 15:00 UTC = 10:00 in New York.
    private static readonly DateTime Start = new(2026, 12, 2, 15, 0, 0, DateTimeKind.Utc);
    private readonly OrchestrationHarness h = new(Start);

    private static FlagEscalationInput Input(RedFlagLevel level, int maxEscalations = 3) => new("ref-1.abcdefabcdef", "ref-1", level, Start, new EscalationTimings(
        level == RedFlagLevel.Immediate ? TimeSpan.FromMinutes(15) : TimeSpan.FromHours(4), maxEscalations, level != RedFlagLevel.Immediate,
        "America/New_York", new TimeOnly(9, 0), new TimeOnly(17, 0),
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        new DateTimeOffset(Start.AddDays(30)), TimeSpan.FromSeconds(1)));

    private Task<FlagEscalationOutcome> Run(FlagEscalationInput input) => new FlagEscalationOrchestration().RunAsync(h.Context, input);

    private FlagAlert[] Alerts => [.. h.Inputs<FlagAlert>(nameof(SendFlagAlert))];

    [Fact]
    public async Task RunAsync_ImmediateFlag_AlertsCoordinatorAndOfficeAtOnceWithoutAskingConsent()
    {
        h.Results[nameof(CheckCareTeamContactAllowed)] = _ => false; // the client said no: an immediate flag reaches the office anyway
        var run = Run(Input(RedFlagLevel.Immediate));
        h.Raise(FlagEvents.Acknowledged, new FlagAcknowledged("c1", h.Now));
        await run;

        Assert.Empty(h.Inputs<CareTeamContactQuery>(nameof(CheckCareTeamContactAllowed)));
        Assert.Equal([FlagAlertKind.Coordinator, FlagAlertKind.OncologistOffice], Alerts.Select(a => a.Kind));
        Assert.All(Alerts, a => Assert.Equal(Start, a.At.UtcDateTime));
        Assert.True(Alerts[0].OfficeTold);
    }

    [Fact]
    public async Task RunAsync_SameDayFlagClientSaidDoNotContactCareTeam_DoesNotAlertTheOffice()
    {
        h.Results[nameof(CheckCareTeamContactAllowed)] = _ => false;
        var run = Run(Input(RedFlagLevel.SameDay));
        h.Raise(FlagEvents.Acknowledged, new FlagAcknowledged("c1", h.Now));
        await run;

        Assert.Equal([FlagAlertKind.Coordinator, FlagAlertKind.OfficeWithheld], Alerts.Select(a => a.Kind));
        Assert.False(Alerts[0].OfficeTold);
    }

    [Fact]
    public async Task RunAsync_SameDayFlagClientAllowedContact_AlertsTheOffice()
    {
        var run = Run(Input(RedFlagLevel.SameDay));
        h.Raise(FlagEvents.Acknowledged, new FlagAcknowledged("c1", h.Now));
        await run;

        Assert.Contains(FlagAlertKind.OncologistOffice, Alerts.Select(a => a.Kind));
    }

    [Fact]
    public async Task RunAsync_NeverAcknowledged_EscalatesToBackupEachIntervalThenStops()
    {
        var run = Run(Input(RedFlagLevel.Immediate, maxEscalations: 3));
        for (var i = 0; i < 4; i++)
        {
            h.FireNextTimer();
        }

        var outcome = await run;

        Assert.Equal(new FlagEscalationOutcome(false, 3), outcome);
        Assert.Equal(
            [(FlagAlertKind.Coordinator, 0, 0), (FlagAlertKind.OncologistOffice, 0, 0), (FlagAlertKind.Backup, 1, 15), (FlagAlertKind.Backup, 2, 30),
             (FlagAlertKind.Backup, 3, 45), (FlagAlertKind.EscalationStopped, 3, 60)],
            Alerts.Select(a => (a.Kind, a.Escalation, (int)(a.At.UtcDateTime - Start).TotalMinutes)));
        Assert.Empty(h.PendingTimers);
    }

    [Fact]
    public async Task RunAsync_AcknowledgedAfterOneEscalation_CompletesAndLeavesNoTimer()
    {
        var run = Run(Input(RedFlagLevel.Immediate));
        h.FireNextTimer();
        Assert.Single(h.PendingTimers);

        h.Raise(FlagEvents.Acknowledged, new FlagAcknowledged("c1", h.Now));
        var outcome = await run;

        Assert.Equal(new FlagEscalationOutcome(true, 1), outcome);
        Assert.Single(Alerts, a => a.Kind == FlagAlertKind.Backup);
        Assert.Empty(h.PendingTimers);
    }

    [Fact]
    public async Task RunAsync_SameDayFlagLateOnFriday_FirstEscalationIsDueMondayInBusinessHours()
    {
        // Friday 2026-12-04 16:00 in New York (21:00 UTC): one business hour left that day, three more from Monday 09:00.
        var friday = new OrchestrationHarness(new DateTime(2026, 12, 4, 21, 0, 0, DateTimeKind.Utc));
        var run = new FlagEscalationOrchestration().RunAsync(friday.Context, Input(RedFlagLevel.SameDay));

        Assert.Equal([new DateTime(2026, 12, 7, 17, 0, 0, DateTimeKind.Utc)], friday.PendingTimers); // Monday 12:00 in New York
        friday.Raise(FlagEvents.Acknowledged, new FlagAcknowledged("c1", friday.Now));
        await run;
    }
}
