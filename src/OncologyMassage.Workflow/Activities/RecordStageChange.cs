using Microsoft.Extensions.Logging;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Activities;

/// <summary>Records a stage move in the referral row, the stage index and the timeline, in that order, idempotently.</summary>
public sealed partial class RecordStageChange(IReferralStore store, ILogger<RecordStageChange> logger) : IActivity<StageChange, Stage>
{
    public async Task<Stage> RunAsync(StageChange input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!Stages.CanMove(input.From, input.To))
        {
            throw new InvalidOperationException($"A referral cannot move from {input.From} to {input.To}.");
        }

        await store.ApplyStageChangeAsync(input, cancellationToken);
        LogStageChanged(logger, input.ReferralId, input.To);
        return input.To;
    }

    // One console line per change: the referral id and the stage exactly as the API spells it. No clinical content.
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Referral {ReferralId} -> {Stage}")]
    private static partial void LogStageChanged(ILogger logger, string referralId, Stage stage);
}
