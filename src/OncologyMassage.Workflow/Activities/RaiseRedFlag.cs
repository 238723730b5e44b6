using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Escalation;

namespace OncologyMassage.Workflow.Activities;

/// <summary>Input of <see cref="RaiseRedFlag"/>: the referral, the level and the id of the reply that raised it (never its text).</summary>
public sealed record RedFlagToRaise(string ReferralId, RedFlagLevel Level, string SourceId);

/// <summary>
/// The referral orchestration's way to open a red flag: <see cref="RedFlags.RaiseAsync"/> stores it and starts its
/// escalation orchestration. Idempotent (the flag id comes from the referral and source ids). Returns the flag id.
/// </summary>
public sealed class RaiseRedFlag(RedFlags flags) : IActivity<RedFlagToRaise, string>
{
    public async Task<string> RunAsync(RedFlagToRaise input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var flag = await flags.RaiseAsync(input.ReferralId, input.Level, input.SourceId, cancellationToken)
            ?? throw new InvalidOperationException($"Referral {input.ReferralId} does not exist.");
        return flag.FlagId;
    }
}
