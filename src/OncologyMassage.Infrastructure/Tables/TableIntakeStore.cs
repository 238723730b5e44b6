using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// Intakes: PartitionKey = referral id, RowKey = "intake" (one per referral, so a second use of the link conflicts); the
/// intake itself is one JSON column.
/// </summary>
public sealed class TableIntakeStore(StorageTables tables)
    : ReferralRowStore<IntakeRecord>(tables, StorageTables.Intakes, "intake", nameof(IntakeRecord.ReferralId)), IIntakeStore;
