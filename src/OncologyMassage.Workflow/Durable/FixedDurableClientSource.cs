using Microsoft.DurableTask.Client;

namespace OncologyMassage.Workflow.Durable;

/// <summary>One client for the host's life: the local host's engine client, or a test's.</summary>
public sealed class FixedDurableClientSource(DurableTaskClient client) : IDurableClientSource
{
    public DurableTaskClient Client { get; } = client ?? throw new ArgumentNullException(nameof(client));
}
