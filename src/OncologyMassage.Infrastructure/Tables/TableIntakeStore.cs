using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Intakes: PartitionKey = referral id, RowKey = "intake" (one per referral, so a second use of the link conflicts); the
/// intake itself is one JSON column. An intake is never changed once stored, so the activities after it (screening, the
/// plan, the care-team check) read it from this host's copy when it was stored or read here (<see cref="WrittenOnceRecords"/>).
/// </summary>
public sealed class TableIntakeStore(StorageTables tables, WrittenOnceRecords? writtenOnce = null)
    : ReferralRowStore<IntakeRecord>(tables, StorageTables.Intakes, "intake", nameof(IntakeRecord.ReferralId), writtenOnce), IIntakeStore;
