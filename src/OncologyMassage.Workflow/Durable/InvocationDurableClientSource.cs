using Microsoft.DurableTask.Client;

namespace OncologyMassage.Workflow.Durable;

/// <summary>
/// The client of the current invocation, for hosts that only get one per invocation (the Functions app's [DurableClient]
/// binding). The host opens an invocation with <see cref="Begin"/> before the function runs and gives it the bound client
/// with <see cref="Invocation.Use"/>; everything that runs in that invocation's async flow sees that client, and nothing
/// else does. One singleton; the current invocation lives in an <see cref="AsyncLocal{T}"/> (as IHttpContextAccessor does).
/// </summary>
public sealed class InvocationDurableClientSource : IDurableClientSource
{
    private readonly AsyncLocal<Invocation?> current = new();

    public DurableTaskClient Client => current.Value?.Client
        ?? throw new InvalidOperationException("No Durable Task client in this invocation: the function needs a [DurableClient] binding.");

    /// <summary>Opens an invocation in the current async flow; dispose it when the invocation ends.</summary>
    public Invocation Begin()
    {
        var invocation = new Invocation(this);
        current.Value = invocation;
        return invocation;
    }

    /// <summary>
    /// The invocation's client, carried into work that outlives the invocation (the work after a referral's answer): in that
    /// work's flow it is current again through an invocation of its own. Without a client now, nothing is carried and the
    /// later work fails as it would have here (its backstop takes over).
    /// </summary>
    public Func<IDisposable> CarryForLater()
    {
        var client = current.Value?.Client;
        return () =>
        {
            var later = Begin();
            if (client is not null)
            {
                later.Use(client);
            }

            return later;
        };
    }

    /// <summary>One invocation's slot: filled once its inputs are bound, emptied when it ends.</summary>
    public sealed class Invocation : IDisposable
    {
        private readonly InvocationDurableClientSource source;

        internal Invocation(InvocationDurableClientSource source) => this.source = source;

        public DurableTaskClient? Client { get; private set; }

        /// <summary>Gives the invocation its bound client.</summary>
        public void Use(DurableTaskClient client) => Client = client ?? throw new ArgumentNullException(nameof(client));

        public void Dispose()
        {
            Client = null;
            if (source.current.Value == this)
            {
                source.current.Value = null;
            }
        }
    }
}
