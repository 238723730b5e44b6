using Microsoft.Extensions.Options;
using OncologyMassage.Workflow.Ports;
using Twilio.Clients;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Types;

namespace OncologyMassage.Infrastructure.Sms;

/// <summary>
/// Asks Twilio whether it has a text that an outbox row left Pending: the account's message list filtered by the
/// recipient and a date-sent window from a little before the row was written (SDK <see cref="MessageResource.ReadAsync(ReadMessageOptions, ITwilioRestClient)"/>,
/// one page), matched by body. The key is not visible in the list (Twilio does not return the status callback URL), and
/// each body is unique per step for a recipient in practice (venue, step, link or time). Twilio errors propagate: the
/// reconciliation tries again at its next run rather than guessing.
/// </summary>
public sealed class TwilioSmsLookup(ITwilioRestClient client, IOptions<TwilioOptions> options) : ISmsLookup
{
    /// <summary>How far before the row's time the window opens (clock skew between us and Twilio; date_sent has day precision in filters only on some accounts).</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    /// <summary>Most messages read per lookup (one page).</summary>
    public const int PageSize = 100;

    public async Task<VendorLookup> FindAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var read = new ReadMessageOptions
        {
            To = new PhoneNumber(row.To),
            DateSentAfter = (row.CreatedAt - Skew).UtcDateTime,
            PageSize = PageSize,
            Limit = PageSize,
        };
        if (string.IsNullOrEmpty(options.Value.MessagingServiceSid) && !string.IsNullOrEmpty(options.Value.FromNumber))
        {
            read.From = new PhoneNumber(options.Value.FromNumber);
        }

        var messages = await MessageResource.ReadAsync(read, client).WaitAsync(cancellationToken);
        foreach (var message in messages)
        {
            if (string.Equals(message.Body, row.Body, StringComparison.Ordinal))
            {
                return new VendorLookup(VendorLookupResult.Found, message.Sid, Status(message.Status));
            }
        }

        return VendorLookup.NotFound;
    }

    private static OutboxStatus Status(MessageResource.StatusEnum? status) =>
        status == MessageResource.StatusEnum.Delivered || status == MessageResource.StatusEnum.Read ? OutboxStatus.Delivered
        : status == MessageResource.StatusEnum.Undelivered || status == MessageResource.StatusEnum.Failed ? OutboxStatus.Undelivered
        : OutboxStatus.Sent;
}
