using Azure.Data.Tables;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;

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
        Tables = TableRequestCount.Tables(azurite, "t" + Guid.NewGuid().ToString("N")[..12], requests);
    }

    public StorageTables Tables { get; }

    public void Clear() => requests.Clear();

    /// <summary>Requests of <paramref name="method"/> to <paramref name="table"/> (see <see cref="TableRequestCount.Of"/>).</summary>
    public int Of(string method, string table) => requests.Of(method, table);
}
