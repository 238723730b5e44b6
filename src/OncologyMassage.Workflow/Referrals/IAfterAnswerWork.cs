namespace OncologyMassage.Workflow.Referrals;

/// <summary>
/// Work an HTTP request hands over to its host to run once the answer is on its way: a new referral's phone index and
/// orchestration start (docs/decisions/0010-answer-before-start.md). The work must be idempotent and must have a durable
/// backstop (for the start: <see cref="OrphanReferralSweep"/>): a host that stops, is killed or (in the Functions app) is
/// frozen after the response may never run it.
/// </summary>
public interface IAfterAnswerWork
{
    /// <summary>Runs <paramref name="work"/> in the background; failures are logged with <paramref name="referralId"/> only.</summary>
    void Run(string referralId, Func<CancellationToken, Task> work);
}
