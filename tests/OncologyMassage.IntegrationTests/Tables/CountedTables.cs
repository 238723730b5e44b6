using Azure.Core;
using Azure.Data.Tables;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.IntegrationTests.Tables;

/// <summary>
/// The app's tables on the shared Azurite under a prefix of the test's own, with every request counted by method and the
/// table it addresses ("$batch" for transactions), so a test can say how many reads a store made.
/// </summary>
internal sealed class CountedTables
{
    private readonly TableRequestCount requests = new();

    public CountedTables(AzuriteFixture azurite)
    {
        var options = new TableClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerCall);
        Tables = new StorageTables(new TableServiceClient(azurite.ConnectionString, options),
            Microsoft.Extensions.Options.Options.Create(new StorageOptions { TablePrefix = "t" + Guid.NewGuid().ToString("N")[..12] }));
    }

    public StorageTables Tables { get; }

    public void Clear() => requests.Clear();

    /// <summary>Requests of <paramref name="method"/> to <paramref name="table"/> (see <see cref="TableRequestCount.Of"/>).</summary>
    public int Of(string method, string table) => requests.Of(method, table);
}
