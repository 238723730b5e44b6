using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Privacy;

/// <summary>
/// Builds the export of one referral (issue 14 item 5) from the stores: referral, release and hold answers, intake, every
/// plan version, consent, booking, sessions, follow-ups, timeline, every message with its body as sent, and the audit
/// entries (the export itself included: the caller records it before building). Host-neutral: the admin command and the
/// coordinators' API route both use it.
/// </summary>
public sealed class ReferralExport(
    IReferralStore referrals,
    IReferralDataStore data,
    IIntakeStore intakes,
    IConsentStore consents,
    IBookingStore bookings,
    ISessionStore sessions,
    IMessageOutbox outbox,
    IAuditLog audit,
    TimeProvider clock,
    IRedFlagStore redFlags)
{
    public const string AuditAction = "Export";

    /// <summary>Audit entries an export carries at most (newest first).</summary>
    public const int MaxAuditEntries = 10_000;

    /// <summary>The document, or null when there is no such referral.</summary>
    public async Task<ReferralExportDocument?> BuildAsync(string referralId, CancellationToken cancellationToken)
    {
        var record = await referrals.GetAsync(referralId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        return new ReferralExportDocument(
            ReferralExportDocument.CurrentSchemaVersion,
            clock.GetUtcNow(),
            referralId,
            record,
            await data.ListReleasesAsync(referralId, cancellationToken),
            await intakes.GetAsync(referralId, cancellationToken),
            await data.ListPlansAsync(referralId, cancellationToken),
            await consents.GetAsync(referralId, cancellationToken),
            await bookings.FindAsync(record.Referral.VenueId, referralId, cancellationToken),
            await sessions.ListSessionsAsync(referralId, cancellationToken),
            await sessions.ListFollowUpsAsync(referralId, cancellationToken),
            await referrals.GetTimelineAsync(referralId, cancellationToken),
            await outbox.ListAsync(referralId, cancellationToken),
            await audit.ListAsync(referralId, MaxAuditEntries, cancellationToken))
        {
            RedFlags = await redFlags.FindByReferralAsync(referralId, cancellationToken),
        };
    }
}
