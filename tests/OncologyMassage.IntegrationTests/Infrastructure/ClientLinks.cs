using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Workflow.Links;

namespace OncologyMassage.IntegrationTests.Infrastructure;

/// <summary>Referrals submitted over the API and the signed links the workflow would send for them.</summary>
internal static class ClientLinks
{
    /// <summary>Submits the sample referral; its id.</summary>
    public static async Task<string> SubmitReferralAsync(TestHost host)
    {
        using var posted = await host.PostReferralAsync(Samples.Referral());
        posted.EnsureSuccessStatusCode();
        return (await posted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
    }

    /// <summary>The path (api/{purpose}/{token}) of a link signed by the host's key, bound to <paramref name="subject"/> when given (a follow-up id).</summary>
    public static string Link(TestHost host, string purpose, string referralId, TimeSpan? validFor = null, string? subject = null) =>
        host.App.Services.GetRequiredService<SignedLinks>()
            .Create(purpose, referralId, DateTimeOffset.UtcNow + (validFor ?? TimeSpan.FromDays(3)), subject).PathAndQuery.TrimStart('/');

    public static string Tampered(string link) => link[..^3] + (link.EndsWith("AAA", StringComparison.Ordinal) ? "BBB" : "AAA");

    public static async Task<HttpResponseMessage> PostFormAsync(TestHost host, string link, IEnumerable<KeyValuePair<string, string>> fields, bool acceptJson = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, link) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.UserAgent.ParseAdd("om-tests");
        if (acceptJson)
        {
            request.Headers.Accept.ParseAdd("application/json");
        }

        return await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
