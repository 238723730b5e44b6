using Microsoft.DurableTask;
using OncologyMassage.Domain.Escalation;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Activities;
using OncologyMassage.Workflow.Escalation;
using OncologyMassage.Workflow.Messaging;

namespace OncologyMassage.Workflow.Orchestrations;

/// <summary>Input of <see cref="FlagEscalationOrchestration"/>: ids, the level and the clock only (no reply text).</summary>
public sealed record FlagEscalationInput(string FlagId, string ReferralId, RedFlagLevel Level, DateTimeOffset OpenedAt, EscalationTimings Timings);

/// <summary>
/// The escalation clock, copied from <c>EscalationOptions</c> and the venue when the flag opens (the orchestrator reads
/// no configuration). With <see cref="CountBusinessHours"/> the wait counts only business hours in <see cref="VenueTimeZone"/>.
/// </summary>
public sealed record EscalationTimings(
    TimeSpan AcknowledgeWithin,
    int MaxEscalations,
    bool CountBusinessHours,
    string VenueTimeZone,
    TimeOnly BusinessDayStart,
    TimeOnly BusinessDayEnd,
    DayOfWeek[] BusinessDays,
    DateTimeOffset OfficeLinkExpiresAt,
    TimeSpan ActivityRetryInterval);

/// <summary>How the escalation ended: acknowledged (after how many escalations), or not after the last one.</summary>
public sealed record FlagEscalationOutcome(bool Acknowledged, int Escalations);

/// <summary>
/// One red flag's escalation (docs/clinical.md, "Escalation"). At once: the venue coordinator is alerted and, for an
/// immediate flag or a same-day flag the client allowed, the referring oncologist's office. Then it waits for
/// <see cref="FlagEvents.Acknowledged"/> against a timer; each time the timer wins, the venue's backup contact is alerted
/// and the clock starts again, up to <see cref="EscalationTimings.MaxEscalations"/> times. Every timer is cancelled when
/// the wait ends, so an acknowledged instance completes at once.
/// </summary>
public sealed class FlagEscalationOrchestration : TaskOrchestrator<FlagEscalationInput, FlagEscalationOutcome>
{
    public override async Task<FlagEscalationOutcome> RunAsync(TaskOrchestrationContext context, FlagEscalationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
            maxNumberOfAttempts: 6, firstRetryInterval: input.Timings.ActivityRetryInterval, backoffCoefficient: 2,
            maxRetryInterval: input.Timings.ActivityRetryInterval * 32));
        var acknowledged = context.WaitForExternalEvent<FlagAcknowledged>(FlagEvents.Acknowledged);

        var officeAllowed = false;
        Task<DispatchOutcome> Alert(FlagAlertKind kind, int escalation) =>
            context.CallSendFlagAlertAsync(new FlagAlert(input.FlagId, input.ReferralId, input.Level, kind, escalation,
                new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero))
            {
                OpenedAt = input.OpenedAt,
                AcknowledgeWithin = input.Timings.AcknowledgeWithin,
                LinkExpiresAt = input.Timings.OfficeLinkExpiresAt,
                OfficeTold = officeAllowed,
            }, retry);

        // An immediate flag always reaches the oncologist's office (the client is being sent to them anyway); a same-day one only with the client's leave.
        officeAllowed = input.Level == RedFlagLevel.Immediate
            || await context.CallCheckCareTeamContactAllowedAsync(new CareTeamContactQuery(input.ReferralId), retry);
        await Alert(FlagAlertKind.Coordinator, 0);
        await Alert(officeAllowed ? FlagAlertKind.OncologistOffice : FlagAlertKind.OfficeWithheld, 0);

        for (var escalation = 1; escalation <= input.Timings.MaxEscalations; escalation++)
        {
            if (await AcknowledgedBeforeAsync(context, acknowledged, Deadline(context.CurrentUtcDateTime, input.Timings)))
            {
                context.LogFlagAcknowledged(input.FlagId, input.ReferralId, escalation - 1);
                return new FlagEscalationOutcome(true, escalation - 1);
            }

            await Alert(FlagAlertKind.Backup, escalation);
            context.LogFlagEscalated(input.FlagId, input.ReferralId, escalation, input.Timings.MaxEscalations);
        }

        if (await AcknowledgedBeforeAsync(context, acknowledged, Deadline(context.CurrentUtcDateTime, input.Timings)))
        {
            context.LogFlagAcknowledged(input.FlagId, input.ReferralId, input.Timings.MaxEscalations);
            return new FlagEscalationOutcome(true, input.Timings.MaxEscalations);
        }

        await Alert(FlagAlertKind.EscalationStopped, input.Timings.MaxEscalations);
        context.LogFlagEscalationStopped(input.FlagId, input.ReferralId, input.Timings.MaxEscalations);
        return new FlagEscalationOutcome(false, input.Timings.MaxEscalations);
    }

    /// <summary>When the next escalation is due: wall-clock for immediate flags, business hours in the venue's time zone for same-day ones.</summary>
    public static DateTime Deadline(DateTime nowUtc, EscalationTimings timings)
    {
        ArgumentNullException.ThrowIfNull(timings);
        if (!timings.CountBusinessHours)
        {
            return nowUtc + timings.AcknowledgeWithin;
        }

        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timings.VenueTimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var hours = new BusinessHours(timings.BusinessDayStart, timings.BusinessDayEnd, timings.BusinessDays);
        return hours.Add(new DateTimeOffset(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc)), timings.AcknowledgeWithin, zone).UtcDateTime;
    }

    private static async Task<bool> AcknowledgedBeforeAsync(TaskOrchestrationContext context, Task<FlagAcknowledged> acknowledged, DateTime deadline)
    {
        if (acknowledged.IsCompleted)
        {
            return true;
        }

        using var cts = new CancellationTokenSource();
        var timer = context.CreateTimer(deadline, cts.Token);
        try
        {
            return await Task.WhenAny(acknowledged, timer) == acknowledged;
        }
        finally
        {
            cts.Cancel(); // an acknowledged flag leaves no timer open: the instance completes now, not when the timer would fire
        }
    }
}
