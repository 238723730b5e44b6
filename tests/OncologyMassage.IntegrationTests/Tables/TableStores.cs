using Azure.Data.Tables;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.IntegrationTests.Tables;

/// <summary>Table adapters on the shared Azurite, each test under its own table prefix; a new <see cref="StorageTables"/> per call acts as another host.</summary>
internal sealed class TableStores(AzuriteFixture azurite)
{
    public string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..12];

    public StorageTables Tables() => new(new TableServiceClient(azurite.ConnectionString),
        Microsoft.Extensions.Options.Options.Create(new StorageOptions { TablePrefix = Prefix }));

    public TableBookingStore Bookings() => new(Tables(), TimeProvider.System);

    public TableVenueStore Venues() => new(Tables());
}
