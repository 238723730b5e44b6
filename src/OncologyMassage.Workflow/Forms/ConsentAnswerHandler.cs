using Microsoft.Extensions.Logging;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Forms;

/// <summary>
/// The consent use cases: sign once (a repeat of the same signature is thanked again, a different one refused) and
/// withdraw (withdrawing twice is the same wish: the first reason stands). Both store the answer, then get it to the
/// orchestration through <see cref="AnswerRelay"/>. Host-neutral: the HTTP function only binds, validates and renders.
/// </summary>
public sealed partial class ConsentAnswerHandler(IConsentStore consents, AnswerRelay relay, ILogger<ConsentAnswerHandler> logger)
{
    /// <summary>The stored consent of the referral, if any (signed, perhaps withdrawn).</summary>
    public Task<ConsentRecord?> CurrentAsync(string referralId, CancellationToken cancellationToken) => consents.GetAsync(referralId, cancellationToken);

    public async Task<RelayOutcome> SignAsync(ConsentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var id = record.ReferralId;
        var outcome = await relay.StoreAndRaiseAsync(AnswerRef.OnePer(id, AnswerKind.Consent),
            async ct => await consents.GetAsync(id, ct) is not { } stored ? StoredAnswer.None
                : stored.SignerName == record.SignerName && stored.DocumentVersion == record.DocumentVersion && stored.VisitAddress == record.VisitAddress
                    ? StoredAnswer.Same : StoredAnswer.Different,
            ct => consents.TryRecordAsync(record, ct), cancellationToken, StoredAnswers.Of(record));
        if (outcome != RelayOutcome.Conflict)
        {
            LogSigned(logger, id, record.DocumentVersion);
        }

        return outcome;
    }

    public async Task WithdrawAsync(string referralId, DateTimeOffset at, string? reason, CancellationToken cancellationToken)
    {
        await relay.StoreAndRaiseAsync(AnswerRef.OnePer(referralId, AnswerKind.ConsentWithdrawal),
            async ct => (await consents.GetAsync(referralId, ct))?.WithdrawnAt is null ? StoredAnswer.None : StoredAnswer.Same,
            ct => consents.TryWithdrawAsync(referralId, at, reason, ct), cancellationToken);
        LogWithdrawn(logger, referralId);
    }

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "Consent for referral {ReferralId} signed (document version {Version})")]
    private static partial void LogSigned(ILogger logger, string referralId, string version);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Information, Message = "Consent for referral {ReferralId} withdrawn")]
    private static partial void LogWithdrawn(ILogger logger, string referralId);
}
