using System.Security.Cryptography;
using System.Text;
using System.Buffers;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Escalation;

/// <summary>
/// Red flags as open items that escalate until a coordinator acknowledges them (docs/clinical.md, "Escalation").
/// <para>
/// <see cref="RaiseAsync"/> is the one entry point, for the referral's orchestration (through the
/// <see cref="Activities.RaiseRedFlag"/> activity) and for code outside any orchestration (e.g. an unexpected text):
/// it stores the flag (one row per referral and source reply), marks the referral on the pipeline, and starts the flag's
/// own escalation orchestration (instance id derived from the flag id). Raising the same flag again changes nothing.
/// </para>
/// </summary>
public sealed class RedFlags(
    IRedFlagStore store,
    IReferralStore referrals,
    IVenueStore venues,
    IReferralFlags pipelineFlags,
    IOptions<EscalationOptions> options,
    IOptions<WorkflowOptions> workflowOptions,
    IReferralWorkflowClient workflow,
    TimeProvider clock)
{
    /// <summary>
    /// Opens a red flag for <paramref name="referralId"/> raised by <paramref name="sourceId"/> (the reply's message id
    /// or follow-up id; never its text) and starts its escalation. Null when there is no such referral.
    /// </summary>
    public async Task<RedFlagRecord?> RaiseAsync(string referralId, RedFlagLevel level, string sourceId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(referralId);
        ArgumentException.ThrowIfNullOrEmpty(sourceId);
        if (level == RedFlagLevel.None)
        {
            throw new ArgumentOutOfRangeException(nameof(level), "A red flag is same day or immediate.");
        }

        var referral = await referrals.GetAsync(referralId, cancellationToken);
        if (referral is null)
        {
            return null;
        }

        var venueId = referral.Referral.VenueId;
        var flag = new RedFlagRecord(FlagId(referralId, sourceId), referralId, venueId, level, sourceId, clock.GetUtcNow());
        if (!await store.TryOpenAsync(flag, cancellationToken))
        {
            flag = await store.GetAsync(venueId, flag.FlagId, cancellationToken) ?? flag;
        }

        await pipelineFlags.SetFlagAsync(referralId, flag.Level == RedFlagLevel.Immediate ? ReferralFlagKind.RedFlagImmediate : ReferralFlagKind.RedFlagSameDay, cancellationToken);
        if (flag.IsOpen)
        {
            var venue = await venues.GetAsync(venueId, cancellationToken);
            await StartEscalationAsync(flag, venue?.TimeZone ?? "UTC", cancellationToken);
        }

        return flag;
    }

    /// <summary>
    /// Records a coordinator's acknowledgement (who, when, note) once, tells the escalation to stop, and writes a timeline
    /// entry. The caller has checked that the coordinator may see the referral.
    /// </summary>
    public async Task<FlagAcknowledgeResult> AcknowledgeAsync(
        CoordinatorCaller by, ReferralRecord referral, string flagId, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(referral);
        if (!BelongsTo(flagId, referral.Id))
        {
            return FlagAcknowledgeResult.NotFound;
        }

        var now = clock.GetUtcNow();
        var flag = await store.GetAsync(referral.Referral.VenueId, flagId, cancellationToken);
        if (flag is null)
        {
            return FlagAcknowledgeResult.NotFound;
        }

        var result = await store.TryAcknowledgeAsync(flag.VenueId, flagId, new FlagAcknowledgement(by.Id, by.Name, now, note), cancellationToken);
        if (result != FlagAcknowledgeResult.Done)
        {
            return result;
        }

        var instanceId = InstanceId(flagId);
        var instance = await workflow.GetInstanceAsync(instanceId, cancellationToken);
        if (instance?.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended)
        {
            await workflow.RaiseEventAsync(instanceId, FlagEvents.Acknowledged, new FlagAcknowledged(by.Id, now), cancellationToken);
        }

        await referrals.AppendExternalTimelineAsync(referral.Id, $"flag:{flagId}:acknowledged", now, TimelineKind.CoordinatorAction,
            $"Red flag ({Words(flag.Level)}) acknowledged by {by.Name}" + (string.IsNullOrWhiteSpace(note) ? "" : $": {note}"), cancellationToken);
        return FlagAcknowledgeResult.Done;
    }

    /// <summary>Every flag of a referral (its dashboard view and export).</summary>
    public Task<IReadOnlyList<RedFlagRecord>> ListAsync(ReferralRecord referral, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return store.ListForReferralAsync(referral.Referral.VenueId, referral.Id, cancellationToken);
    }

    public Task<IReadOnlyList<RedFlagRecord>> ListOpenAsync(string venueId, CancellationToken cancellationToken) =>
        store.ListOpenAsync(venueId, cancellationToken);

    /// <summary>The flag id: the referral id, a dot, and 12 hex digits of the source id's SHA-256 (deterministic, safe in keys and URLs).</summary>
    public static string FlagId(string referralId, string sourceId) =>
        $"{referralId}.{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sourceId)))[..12]}";

    /// <summary>Whether <paramref name="flagId"/> has the shape of a flag id of <paramref name="referralId"/>.</summary>
    public static bool BelongsTo(string? flagId, string referralId) =>
        flagId is not null && flagId.Length == referralId.Length + 13 && flagId.StartsWith(referralId + ".", StringComparison.Ordinal)
        && !flagId.AsSpan(referralId.Length + 1).ContainsAnyExcept(LowerHex);

    /// <summary>The escalation orchestration's instance id.</summary>
    public static string InstanceId(string flagId) => InstancePrefix + flagId;

    /// <summary>Every escalation instance of a referral starts with this (erasure finds them by it).</summary>
    public static string InstanceIdPrefixOf(string referralId) => InstancePrefix + referralId + ".";

    public const string InstancePrefix = "flag-";

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    private async Task StartEscalationAsync(RedFlagRecord flag, string timeZone, CancellationToken cancellationToken)
    {
        var instanceId = InstanceId(flag.FlagId);
        if (await workflow.GetInstanceAsync(instanceId, cancellationToken) is not null)
        {
            return;
        }

        var o = options.Value;
        var input = new FlagEscalationInput(flag.FlagId, flag.ReferralId, flag.Level, flag.OpenedAt, new EscalationTimings(
            flag.Level == RedFlagLevel.Immediate ? o.ImmediateAcknowledgeWithin : o.SameDayAcknowledgeWithin,
            o.MaxEscalations,
            CountBusinessHours: flag.Level != RedFlagLevel.Immediate,
            timeZone, o.BusinessDayStart, o.BusinessDayEnd, o.BusinessDayList(),
            flag.OpenedAt + o.OfficeLinkValidFor,
            workflowOptions.Value.ActivityRetryInterval));
        try
        {
            await workflow.StartFlagEscalationAsync(instanceId, input, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Two raises of the same flag can race to start the instance; the loser finds it and is done.
            if (await workflow.GetInstanceAsync(instanceId, cancellationToken) is null)
            {
                throw;
            }
        }
    }

    private static string Words(RedFlagLevel level) => level == RedFlagLevel.Immediate ? "immediate" : "same day";
}
