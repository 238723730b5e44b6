using Azure.Data.Tables;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.IntegrationTests.Tables;

/// <summary>The app's tables on the shared Azurite, under a table prefix of the test's own.</summary>
internal static class StoreFactory
{
    public static StorageTables Tables(AzuriteFixture azurite) =>
        new(new TableServiceClient(azurite.ConnectionString),
            Microsoft.Extensions.Options.Options.Create(new StorageOptions { TablePrefix = "t" + Guid.NewGuid().ToString("N")[..12] }));
}
