// TEMPORARY local placeholder so the lead's tree compiles until the venues branch (which owns this file) is merged. Not committed.
using OncologyMassage.Domain.Venues;
namespace OncologyMassage.Workflow.Scheduling;
public sealed class SlotOffers
{
    public Task<IReadOnlyList<Slot>> OfferAsync(string venueId, DateTimeOffset now, int count, CancellationToken cancellationToken) => throw new NotSupportedException();
}
