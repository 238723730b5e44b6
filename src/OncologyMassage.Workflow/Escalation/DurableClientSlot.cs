using Microsoft.DurableTask.Client;

namespace OncologyMassage.Workflow.Escalation;

/// <summary>
/// The Durable Task client for the one activity that starts another orchestration (<see cref="Activities.RaiseRedFlag"/>):
/// orchestrations cannot start an independent instance themselves. Scoped per activity execution: the Functions app's
/// activity wrapper fills it from its [DurableClient] binding; the local host fills it with its engine's client.
/// </summary>
public sealed class DurableClientSlot
{
    public DurableTaskClient? Client { get; set; }

    public DurableTaskClient Required => Client ?? throw new InvalidOperationException("No Durable Task client was given to this activity.");
}
