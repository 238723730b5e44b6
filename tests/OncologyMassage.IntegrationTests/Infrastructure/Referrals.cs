using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;

namespace OncologyMassage.IntegrationTests.Infrastructure;

/// <summary>Small steps the messaging tests share: submit the sample referral (optionally with the client's phone of the test), read its timeline rows and raised events.</summary>
internal static class Referrals
{
    public static async Task<string> SubmitSampleAsync(this TestHost host, TestPhone? phone = null)
    {
        using var response = await host.PostReferralAsync(phone is null ? Samples.Referral() : Samples.Referral(r => r["client"]!["mobilePhone"] = phone.Display));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
    }

    /// <summary>Timeline rows written from outside the orchestration (webhooks), for one referral.</summary>
    public static async Task<IReadOnlyList<TableEntity>> ExternalTimelineAsync(this TestHost host, string referralId) =>
        (await host.TimelineRowsAsync(referralId)).Where(r => r.RowKey.StartsWith("t|x-", StringComparison.Ordinal)).ToArray();

    /// <summary>The external events the engine has delivered to the instance, from the task hub's history table.</summary>
    public static async Task<IReadOnlyList<TableEntity>> RaisedEventsAsync(this TestHost host, string referralId, string eventName)
    {
        var history = host.Tables.GetTableClient(host.TaskHub + "History");
        var rows = new List<TableEntity>();
        try
        {
            await foreach (var row in history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {referralId}"), cancellationToken: TestContext.Current.CancellationToken))
            {
                if (row.GetString("EventType") == "EventRaised" && row.GetString("Name") == eventName)
                {
                    rows.Add(row);
                }
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // No history yet.
        }

        return rows;
    }
}
