using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.IntegrationTests.Tables;

/// <summary>
/// The app's tables on the shared Azurite under a prefix of the test's own, with every request counted by method and the
/// table it addresses ("$batch" for transactions), so a test can say how many reads a store made.
/// </summary>
internal sealed class CountedTables : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<(string Method, string Table)> seen = new();

    public CountedTables(AzuriteFixture azurite)
    {
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        Tables = new StorageTables(new TableServiceClient(azurite.ConnectionString, options),
            Microsoft.Extensions.Options.Options.Create(new StorageOptions { TablePrefix = "t" + Guid.NewGuid().ToString("N")[..12] }));
    }

    public StorageTables Tables { get; }

    public void Clear() => seen.Clear();

    /// <summary>Requests of <paramref name="method"/> to <paramref name="table"/> (one of <see cref="StorageTables"/>' names, or "$batch").</summary>
    public int Of(string method, string table) =>
        seen.Count(s => s.Method == method && s.Table.EndsWith(table, StringComparison.Ordinal));

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var segments = message.Request.Uri.Path.Trim('/').Split('/');
        var resource = segments.Length > 1 ? segments[1] : segments[0];
        var paren = resource.IndexOf('(', StringComparison.Ordinal);
        seen.Enqueue((message.Request.Method.Method, paren >= 0 ? resource[..paren] : resource));
    }
}
