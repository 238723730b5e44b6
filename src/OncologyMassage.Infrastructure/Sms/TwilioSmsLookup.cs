using Microsoft.Extensions.Options;
using OncologyMassage.Workflow.Ports;
using Twilio.Clients;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;
using TwilioDomain = Twilio.Rest.Domain;
using TwilioMethod = Twilio.Http.HttpMethod;
using TwilioRequest = Twilio.Http.Request;

namespace OncologyMassage.Infrastructure.Sms;

/// <summary>
/// Asks Twilio whether it has a text that an outbox row left Pending: the recipient's message list (Messages.json with
/// <c>To</c>, and <c>From</c> when we send from a number), matched by body and by <c>date_created</c> inside the row's
/// window (from <see cref="Skew"/> before the row was written). The key is not visible in the list (Twilio does not return
/// the status callback URL), and each body is unique per step for a recipient in practice (venue, step, link or time).
/// <para>
/// The list is not filtered by <c>DateSent</c>: a text Twilio has accepted but not sent yet (queued, accepted, scheduled,
/// sending) has no <c>date_sent</c> and would be left out, so a queue backlog longer than <c>Outbox:ReconcileAfter</c> made
/// it look missing and it was resent. Twilio documents the list as sorted by <c>DateSent</c>, most recent first; a text
/// not sent yet is the most recent of all and lists first. So the lookup reads pages of <see cref="PageSize"/>, newest
/// first, and stops at the first text that was sent before the window opened: every text after it was sent earlier still,
/// and so was created before the window. It reads at most <see cref="MaxPages"/> pages; a recipient with more texts than
/// that inside the window gets <see cref="VendorLookupResult.Unknown"/> (not sent again; a coordinator is told after the
/// last round), never a guess. Pages after the first are fetched with their <c>next_page_uri</c> (the SDK's own paging is
/// synchronous). Twilio errors propagate: the reconciliation tries again at its next run.
/// </para>
/// </summary>
public sealed class TwilioSmsLookup(ITwilioRestClient client, IOptions<TwilioOptions> options) : ISmsLookup
{
    /// <summary>How far before the row's time the window opens (clock skew between us and Twilio).</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    /// <summary>Messages per page read.</summary>
    public const int PageSize = 50;

    /// <summary>Most pages read per lookup before it answers <see cref="VendorLookupResult.Unknown"/>.</summary>
    public const int MaxPages = 4;

    public async Task<VendorLookup> FindAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var windowOpens = row.CreatedAt - Skew;
        var read = new ReadMessageOptions { To = new PhoneNumber(row.To), PageSize = PageSize };
        if (string.IsNullOrEmpty(options.Value.MessagingServiceSid) && !string.IsNullOrEmpty(options.Value.FromNumber))
        {
            read.From = new PhoneNumber(options.Value.FromNumber);
        }

        var request = new TwilioRequest(TwilioMethod.Get, TwilioDomain.Api, $"/2010-04-01/Accounts/{client.AccountSid}/Messages.json", queryParams: read.GetParams());
        for (var pages = 1; ; pages++)
        {
            // The SDK takes no cancellation token; the HttpClient pipeline's timeouts bound the call.
            var response = await client.RequestAsync(request).WaitAsync(cancellationToken);
            var page = Twilio.Base.Page<MessageResource>.FromJson("messages", response.Content);
            foreach (var message in page.Records)
            {
                if (string.Equals(message.Body, row.Body, StringComparison.Ordinal) && message.DateCreated is { } created && Utc(created) >= windowOpens)
                {
                    return new VendorLookup(VendorLookupResult.Found, message.Sid, Status(message.Status));
                }

                if (message.DateSent is { } sent && Utc(sent) < windowOpens)
                {
                    return VendorLookup.NotFound; // sent before the window: so was everything after it in the list
                }
            }

            if (!page.HasNextPage())
            {
                return VendorLookup.NotFound;
            }

            if (pages == MaxPages)
            {
                return VendorLookup.Unknown;
            }

            request = new TwilioRequest(TwilioMethod.Get, page.GetNextPageUrl(TwilioDomain.Api));
        }
    }

    /// <summary>Twilio's RFC 2822 times (GMT) as parsed by the SDK: local time when the text named an offset, else taken as UTC.</summary>
    private static DateTimeOffset Utc(DateTime time) =>
        time.Kind == DateTimeKind.Local ? new DateTimeOffset(time) : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private static OutboxStatus Status(MessageResource.StatusEnum? status) =>
        status == MessageResource.StatusEnum.Delivered || status == MessageResource.StatusEnum.Read ? OutboxStatus.Delivered
        : status == MessageResource.StatusEnum.Undelivered || status == MessageResource.StatusEnum.Failed ? OutboxStatus.Undelivered
        : OutboxStatus.Sent;
}
