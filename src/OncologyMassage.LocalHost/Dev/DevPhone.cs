using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using OncologyMassage.Functions.Http;
using OncologyMassage.Infrastructure.Messaging;
using OncologyMassage.Infrastructure.Sms;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.LocalHost.Dev;

/// <summary>
/// The dashboard's simulated phone, only in the local host and only while texts go to the dev outbox:
/// <c>POST /api/dev/phone/{referralId}/reply</c> {"text": "..."} posts a Twilio-style form from the client's mobile number to
/// the app's own <c>/api/sms/inbound</c>, signed with the configured Twilio auth token, so it passes the same signature
/// check as Twilio; <c>GET /api/dev/outbox?referralId=</c> lists what the referral was "sent".
/// </summary>
public static class DevPhone
{
    public const string HttpClientName = "DevPhone";

    /// <summary>The dev-only auth token the local host signs with when none is configured (one per run; it never leaves the machine).</summary>
    public static string NewDevAuthToken() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)); // a real token's shape

    /// <summary>True when texts go to the dev outbox (the default), the only case the simulated phone exists.</summary>
    public static bool IsEnabled(IConfiguration configuration) =>
        (configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>() ?? new MessagingOptions()).SmsProvider == SmsProvider.DevOutbox;

    /// <summary>The number a client's text is addressed to: the configured Twilio sender, or a placeholder when none is set.</summary>
    public static string ToNumber(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["Twilio:FromNumber"] is { Length: > 0 } from ? from : "+15550000000";
    }

    public static void MapDevPhone(this WebApplication app, string routePrefix)
    {
        ArgumentNullException.ThrowIfNull(app);
        var prefix = "/" + string.Join('/', new[] { routePrefix.Trim('/'), "dev" }.Where(s => s.Length > 0));
        app.MapPost(prefix + "/phone/{referralId}/reply", (RequestDelegate)(context => ReplyAsync(context, "/" + Join(routePrefix, ApiRoutes.SmsInbound))));
        app.MapGet(prefix + "/outbox", (RequestDelegate)OutboxAsync);
    }

    private static string Join(string prefix, string route) => string.Join('/', new[] { prefix.Trim('/'), route.Trim('/') }.Where(s => s.Length > 0));

    private sealed record ReplyRequest(string? Text);

    private sealed record ReplyResult(int Status, string? Reply);

    private sealed record OutboxItem(MessageChannel Channel, string To, string Subject, string Body, OutboxStatus Status, DateTimeOffset CreatedAt);

    private static async Task ReplyAsync(HttpContext context, string inboundPath)
    {
        var request = context.Request;
        var referralId = request.RouteValues["referralId"]?.ToString() ?? "";

        // The coordinator's development sign-in and the pipeline's venue scope, before the body is read (401, 404, 403).
        var found = await context.RequestServices.GetRequiredService<ReferralScope>()
            .FindAsync(request, referralId, "DevPhoneReply", context.RequestAborted, coordinatorsOnly: true);
        if (found.Record is not { } referral)
        {
            await found.Refusal!.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
            return;
        }

        var (body, problem) = request.HasJsonContentType() ? await JsonBody.ReadAsync<ReplyRequest>(request, null, context.RequestAborted) : (null, null);
        if (problem is { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            await WriteAsync(context, problem);
            return;
        }

        if (string.IsNullOrWhiteSpace(body?.Text) || body.Text.Length > 1600)
        {
            await WriteAsync(context, Problems.Validation(request, new Dictionary<string, string[]> { ["text"] = ["Send JSON {\"text\": \"...\"} with 1 to 1600 characters."] }));
            return;
        }

        var configuration = context.RequestServices.GetRequiredService<IConfiguration>();
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["MessageSid"] = "SMdev" + Guid.NewGuid().ToString("N"),
            ["From"] = referral.Referral.Client.MobilePhone,
            ["To"] = ToNumber(configuration),
            ["Body"] = body.Text,
            ["NumMedia"] = "0",
        };
        var signature = context.RequestServices.GetRequiredService<TwilioSignatureValidator>().Sign(inboundPath, form);
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(OwnAddress(context), inboundPath)) { Content = new FormUrlEncodedContent(form) };
        post.Headers.Add(TwilioSignatureValidator.SignatureHeader, signature);
        using var response = await context.RequestServices.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName).SendAsync(post, context.RequestAborted);
        var text = await response.Content.ReadAsStringAsync(context.RequestAborted);
        string? reply = null;
        if (response.IsSuccessStatusCode)
        {
            reply = XDocument.Parse(text).Root?.Element("Message")?.Value;
        }

        await WriteAsync(context, new ApiResult(StatusCodes.Status200OK, new ReplyResult((int)response.StatusCode, reply)));
    }

    private static async Task OutboxAsync(HttpContext context)
    {
        var referralId = context.Request.Query["referralId"].ToString();
        if (referralId.Length == 0)
        {
            var (_, refusal) = await context.RequestServices.GetRequiredService<CallerAuthentication>().AuthenticateAsync(context.Request, context.RequestAborted);
            if (refusal is not null)
            {
                await WriteAsync(context, refusal);
                return;
            }

            await WriteAsync(context, Problems.Validation(context.Request, new Dictionary<string, string[]> { ["referralId"] = ["Name the referral: ?referralId=..."] }));
            return;
        }

        // What a referral was "sent" holds the client's contact details and signed links: only its venue's coordinators see it.
        var found = await context.RequestServices.GetRequiredService<ReferralScope>()
            .FindAsync(context.Request, referralId, "DevOutbox", context.RequestAborted, coordinatorsOnly: true);
        if (found.Record is null)
        {
            await found.Refusal!.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
            return;
        }

        var rows = await context.RequestServices.GetRequiredService<IMessageOutbox>().ListAsync(referralId, context.RequestAborted);
        await WriteAsync(context, new ApiResult(StatusCodes.Status200OK,
            rows.Select(r => new OutboxItem(r.Channel, r.To, r.Subject, r.Body, r.Status, r.CreatedAt)).ToArray()));
    }

    /// <summary>The address this host listens on (the public URL may be a proxy or not reachable from here).</summary>
    private static Uri OwnAddress(HttpContext context)
    {
        var addresses = context.RequestServices.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault() ?? $"{context.Request.Scheme}://{context.Request.Host}";
        return new Uri(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://[::1]", StringComparison.Ordinal));
    }

    private static Task WriteAsync(HttpContext context, ApiResult result) =>
        result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
}
