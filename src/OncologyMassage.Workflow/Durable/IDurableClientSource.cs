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
}
