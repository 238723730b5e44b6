using Microsoft.Extensions.Options;
using OncologyMassage.Domain.Messages;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Activities;

/// <summary>Input of <see cref="SendFlagAlert"/>: which flag, whom to tell, the escalation round and the orchestration's time.</summary>
public sealed record FlagAlert(string FlagId, string ReferralId, RedFlagLevel Level, FlagAlertKind Kind, int Escalation, DateTimeOffset At)
{
    public DateTimeOffset OpenedAt { get; init; }

    public TimeSpan AcknowledgeWithin { get; init; }

    /// <summary>Expiry of the care-team link in the oncologist office's alert.</summary>
    public DateTimeOffset LinkExpiresAt { get; init; }

    /// <summary>Whether the oncologist's office is (or was) told of this flag: the coordinator's email says so.</summary>
    public bool OfficeTold { get; init; }
}

public enum FlagAlertKind
{
    /// <summary>The venue coordinator, when the flag opens.</summary>
    Coordinator,

    /// <summary>The referring oncologist's office, with a signed link to the care-team page.</summary>
    OncologistOffice,

    /// <summary>Nothing sent: a same-day flag of a client who asked us not to contact their care team (timeline only).</summary>
    OfficeWithheld,

    /// <summary>The venue's backup contact: the flag is still unacknowledged after its clock.</summary>
    Backup,

    /// <summary>Nothing sent: the last escalation went unanswered; automatic reminders stop (timeline only).</summary>
    EscalationStopped,
}

/// <summary>
/// Sends one alert of a flag's escalation and writes it on the referral's timeline. Each alert has its own outbox key and
/// timeline key (flag, kind, round), so a re-run activity sends and writes nothing twice. No clinical detail in any email.
/// </summary>
public sealed class SendFlagAlert(ReferralContext referrals, IReferralStore store, MessageDispatcher dispatcher, SignedLinks links, IOptions<LinkOptions> linkOptions)
    : IActivity<FlagAlert, DispatchOutcome>
{
    public async Task<DispatchOutcome> RunAsync(FlagAlert input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (record, venue) = await referrals.LoadAsync(input.ReferralId, cancellationToken);
        var venueName = ReferralContext.VenueName(record, venue);
        var level = input.Level == RedFlagLevel.Immediate ? "immediate" : "same day";
        var key = $"{record.Id}:flag:{input.FlagId[(record.Id.Length + 1)..]}:{input.Kind}:{input.Escalation}";
        var dashboard = new Uri(new Uri(linkOptions.Value.PublicBaseUrl.TrimEnd('/') + "/"), "api/dashboard/");

        var outcome = DispatchOutcome.Sent;
        string what;
        switch (input.Kind)
        {
            case FlagAlertKind.Coordinator:
                var alert = RedFlagMessages.CoordinatorAlert(venueName, record.Id, input.Level, input.OfficeTold, input.AcknowledgeWithin, dashboard);
                outcome = venue is null ? DispatchOutcome.Uncertain
                    : await dispatcher.SendEmailAsync(new OutgoingEmail(key, record.Id, venue.CoordinatorEmail, alert.Subject, alert.TextBody), cancellationToken);
                what = input.Level == RedFlagLevel.Immediate
                    ? "Red flag (immediate) opened: coordinator alerted at once and asked to call the client"
                    : "Red flag (same day) opened: coordinator alerted";
                what += venue is null ? " (venue has no coordinator on file: nothing was emailed)" : "";
                break;

            case FlagAlertKind.OncologistOffice:
                var office = RedFlagMessages.OncologistOfficeAlert(venueName, input.Level, links.Create(LinkPurposes.Summary, record.Id, input.LinkExpiresAt));
                outcome = await dispatcher.SendEmailAsync(new OutgoingEmail(key, record.Id, record.Referral.Oncologist.Email, office.Subject, office.TextBody), cancellationToken);
                what = $"Referring oncologist's office alerted of the {level} red flag, with a link to the care-team page";
                break;

            case FlagAlertKind.OfficeWithheld:
                what = "Referring oncologist's office not told of the same-day red flag: the client asked us not to contact their care team";
                break;

            case FlagAlertKind.Backup:
                var backup = RedFlagMessages.BackupEscalation(venueName, record.Id, input.Level, input.Escalation, input.OpenedAt, dashboard);
                var to = venue?.BackupContact?.Email ?? venue?.CoordinatorEmail;
                outcome = to is null ? DispatchOutcome.Uncertain
                    : await dispatcher.SendEmailAsync(new OutgoingEmail(key, record.Id, to, backup.Subject, backup.TextBody), cancellationToken);
                what = $"Red flag ({level}) not acknowledged in time: escalated to "
                    + (venue?.BackupContact is { } contact ? $"the backup contact {contact.Name}" : "the coordinator again (no backup contact on file)")
                    + $" (escalation {input.Escalation})";
                break;

            default:
                what = $"Red flag ({level}) still not acknowledged after {input.Escalation} escalation(s): automatic reminders stopped; it stays open on the dashboard";
                break;
        }

        if (outcome == DispatchOutcome.Uncertain)
        {
            what += " (delivery uncertain: check the outbox)";
        }

        var kind = input.Kind is FlagAlertKind.OfficeWithheld or FlagAlertKind.EscalationStopped ? TimelineKind.Note : TimelineKind.MessageSent;
        await store.AppendExternalTimelineAsync(record.Id, key, input.At, kind, what, cancellationToken);
        return outcome;
    }
}
