using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.IntegrationTests.Infrastructure;

/// <summary>
/// Counts a table client's requests by method and by the table they address (the first path segment after the account),
/// so a test can say how many reads or writes a store made. A transaction is "$batch " + the table its operations name,
/// read from its body: <c>Of("POST", "$batch")</c> counts every transaction, <c>Of("POST", "$batch Referrals")</c> those on
/// one table, and <c>Of("POST", "Referrals")</c> only the plain inserts. Add it to <c>TableClientOptions</c> per call.
/// </summary>
public sealed partial class TableRequestCount : HttpPipelineSynchronousPolicy
{
    private const string Batch = "$batch";
    private readonly ConcurrentQueue<(string Method, string Table, bool Query)> seen = new();

    /// <summary>
    /// The app's tables on <paramref name="azurite"/> under <paramref name="prefix"/>, their requests counted by
    /// <paramref name="counted"/> when one is given.
    /// </summary>
    public static StorageTables Tables(AzuriteFixture azurite, string prefix, TableRequestCount? counted)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var options = new TableClientOptions();
        if (counted is not null)
        {
            options.AddPolicy(counted, HttpPipelinePosition.PerCall);
        }

        return new StorageTables(new TableServiceClient(azurite.ConnectionString, options),
            Microsoft.Extensions.Options.Options.Create(new StorageOptions { TablePrefix = prefix }));
    }

    public void Clear() => seen.Clear();

    /// <summary>Every request to <paramref name="table"/> outside transactions, whatever its method (creating the table included).</summary>
    public int Of(string table) => seen.Count(s => !s.Table.StartsWith(Batch, StringComparison.Ordinal) && s.Table.EndsWith(table, StringComparison.Ordinal));

    /// <summary>Queries (<c>GET Table()</c>) of <paramref name="table"/>.</summary>
    public int Queries(string table) => seen.Count(s => s.Query && s.Table.EndsWith(table, StringComparison.Ordinal));

    /// <summary>Requests of <paramref name="method"/> to a table whose name ends with <paramref name="table"/> (or to transactions, as above).</summary>
    public int Of(string method, string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return seen.Count(s => s.Method == method && table switch
        {
            Batch => s.Table.StartsWith(Batch, StringComparison.Ordinal),
            _ when table.StartsWith(Batch + " ", StringComparison.Ordinal) =>
                s.Table.StartsWith(Batch + " ", StringComparison.Ordinal) && s.Table.EndsWith(table[(Batch.Length + 1)..], StringComparison.Ordinal),
            _ => !s.Table.StartsWith(Batch, StringComparison.Ordinal) && s.Table.EndsWith(table, StringComparison.Ordinal),
        });
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var segments = message.Request.Uri.Path.Trim('/').Split('/');
        var resource = segments.Length > 1 ? segments[1] : segments[0];
        var query = message.Request.Method == RequestMethod.Get && resource.EndsWith("()", StringComparison.Ordinal);
        var paren = resource.IndexOf('(', StringComparison.Ordinal);
        resource = paren >= 0 ? resource[..paren] : resource;
        if (resource == Batch && message.Request.Content is { } content)
        {
            using var body = new MemoryStream();
            content.WriteTo(body, CancellationToken.None);
            var operation = BatchOperation().Match(System.Text.Encoding.UTF8.GetString(body.ToArray()));
            resource += " " + (operation.Success ? operation.Groups[1].Value : "?");
        }

        seen.Enqueue((message.Request.Method.Method, resource, query));
    }

    /// <summary>An operation line of a transaction's body: "PUT http://…/account/Table(PartitionKey=…)" or "POST http://…/account/Table HTTP/1.1".</summary>
    [GeneratedRegex(@"(?:POST|PUT|MERGE|PATCH|DELETE|GET) \S*/([A-Za-z][A-Za-z0-9]*)(?:\(|\s)", RegexOptions.None, 1000)]
    private static partial Regex BatchOperation();
}
