using Microsoft.DurableTask.Client;

namespace OncologyMassage.Workflow.Durable;

/// <summary>
/// Where <see cref="DurableReferralWorkflowClient"/> finds the host's <see cref="DurableTaskClient"/> for the work at hand.
/// The local host has one client for its life (<see cref="FixedDurableClientSource"/>); the Functions app gets one per
/// invocation from its [DurableClient] binding (<see cref="InvocationDurableClientSource"/>, filled by its middleware).
/// </summary>
public interface IDurableClientSource
{
    /// <summary>The client; throws when there is none for the current work.</summary>
    DurableTaskClient Client { get; }

    /// <summary>
    /// For work started now that runs after the current work has ended (<see cref="Referrals.AfterAnswerWork"/>): takes the
    /// client as it is now and returns what makes it current again in that later work's flow (dispose it when that work
    /// ends). A source whose client lasts for the host's life has nothing to carry.
    /// </summary>
    Func<IDisposable> CarryForLater() => static () => NothingCarried.Instance;

    private sealed class NothingCarried : IDisposable
    {
        public static readonly NothingCarried Instance = new();

        public void Dispose()
        {
        }
    }
}
