using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;

namespace OncologyMassage.FunctionalTests.LocalHost;

/// <summary>One message a vendor accepted: its outbox key, referral, channel, recipient and text.</summary>
public sealed record AcceptedMessage(string Key, string ReferralId, string Channel, string To, string Text, string VendorId)
{
    /// <summary>When the stub accepted it: Twilio's list shows it as <c>date_created</c> and <c>date_sent</c>.</summary>
    public DateTimeOffset AcceptedAt { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>
/// Twilio's Messages API and SendGrid's Mail Send on one WireMock server, as the crash suite's vendors. Every accepted
/// message is recorded (before the answer goes back, so a send whose answer the dead host never read still counts) with
/// its outbox key: SendGrid's <c>custom_args</c>, Twilio's signed status-callback token. Twilio's message list and
/// SendGrid's Email Activity API (searched by the key as a unique arg) answer from the record (the outbox reconciliation's
/// lookups, so whether a Pending email is resent does not depend on when its event arrives); every accepted email also gets
/// a signed <c>processed</c> event, posted to the current host until it is taken (SendGrid's event webhook retries too),
/// except an email whose send a kill cut: its event is withheld, as if lost, so that the reconciliation must ask. <see cref="ArmKillOnNextSend"/> holds the
/// next send's answer until the test has killed the host: a crash between the vendor call and the outbox update.
/// </summary>
public sealed partial class VendorStubs : IDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "abcdef0123456789abcdef0123456789";
    public const string FromNumber = "+15550001111";
    public const string PublicBaseUrl = "http://localhost:7071";
    public const string MessagesPath = "/2010-04-01/Accounts/" + AccountSid + "/Messages.json";

    private readonly WireMockServer server = WireMockServer.Start();
    private readonly ECDsa eventKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ConcurrentQueue<AcceptedMessage> accepted = new();
    private readonly ConcurrentQueue<string> events = new();
    private TaskCompletionSource? armed;
    private Action? onHold;
    private int activityLookups;
    private int withheldEvents;
    private readonly ManualResetEventSlim released = new(initialState: true);

    public VendorStubs()
    {
        server.Given(Request.Create().WithPath(MessagesPath).UsingPost()).RespondWith(Response.Create().WithCallback(AcceptSms));
        server.Given(Request.Create().WithPath(MessagesPath).UsingGet()).RespondWith(Response.Create().WithCallback(ListSms));
        server.Given(Request.Create().WithPath("/v3/mail/send").UsingPost()).RespondWith(Response.Create().WithCallback(AcceptEmail));
        server.Given(Request.Create().WithPath("/v3/messages").UsingGet()).RespondWith(Response.Create().WithCallback(ListEmail));
    }

    /// <summary>How many times the host asked SendGrid's Email Activity API about an email.</summary>
    public int ActivityLookups => Volatile.Read(ref activityLookups);

    /// <summary>Emails whose <c>processed</c> event was never posted (the ones whose send a kill cut).</summary>
    public int WithheldEvents => Volatile.Read(ref withheldEvents);

    public IReadOnlyCollection<AcceptedMessage> Accepted => accepted.ToArray();

    /// <summary>The host's settings for both vendors, pointed at this stub.</summary>
    public IEnumerable<string> HostArguments() =>
    [
        "--Messaging:SmsProvider=Twilio", "--Messaging:EmailProvider=SendGrid", "--Messaging:MaxRetryAttempts=0",
        "--Messaging:AttemptTimeout=00:00:05", "--Messaging:TotalTimeout=00:00:08",
        $"--Twilio:AccountSid={AccountSid}", $"--Twilio:AuthToken={AuthToken}", $"--Twilio:FromNumber={FromNumber}", $"--Twilio:BaseUrl={server.Url}",
        "--SendGrid:ApiKey=SG.crash-suite", $"--SendGrid:BaseUrl={server.Url}",
        $"--SendGrid:WebhookPublicKey={Convert.ToBase64String(eventKey.ExportSubjectPublicKeyInfo())}",
        // The reconciliation asks the Activity API; this stub lists a message the moment it accepts it (no indexing delay).
        "--SendGrid:EmailActivityApi=true", "--SendGrid:EmailActivityIndexingDelay=00:00:00",
        "--Email:FromAddress=referrals@clinic.example", "--Email:FromName=Clinic Referrals", $"--Links:PublicBaseUrl={PublicBaseUrl}",
    ];

    /// <summary>
    /// The next send is held (its answer not given) until <see cref="Release"/>; <paramref name="killNow"/> runs on the stub's
    /// own thread the moment it arrives (so the kill lands while the host waits for the answer, however loaded the machine:
    /// a kill that came after the host's attempt timeout would test a timed-out send instead); the returned task completes then.
    /// </summary>
    public Task ArmKillOnNextSend(Action? killNow = null)
    {
        released.Reset();
        Volatile.Write(ref onHold, killNow);
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref armed, next);
        return next.Task;
    }

    /// <summary>Lets a held send answer (to a host that is gone by then).</summary>
    public void Release()
    {
        Volatile.Write(ref armed, null);
        released.Set();
    }

    /// <summary>The first accepted message of the referral whose key ends with (or continues) <paramref name="suffix"/>.</summary>
    public AcceptedMessage? Find(string referralId, string suffix) =>
        accepted.FirstOrDefault(m => m.ReferralId == referralId && (m.Key.EndsWith(suffix, StringComparison.Ordinal) || m.Key.Contains(suffix + ":", StringComparison.Ordinal)));

    /// <summary>Every accepted message of the referral whose key contains <paramref name="part"/>, in the order accepted.</summary>
    public IEnumerable<AcceptedMessage> FindAll(string referralId, string part) =>
        accepted.Where(m => m.ReferralId == referralId && m.Key.Contains(part, StringComparison.Ordinal));

    /// <summary>Posts every accepted email's <c>processed</c> event to the current host, signed as SendGrid signs it, until it is taken.</summary>
    public async Task PumpEventsAsync(Func<Uri> host, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (!events.TryPeek(out var json))
            {
                await Task.Delay(200, ct);
                continue;
            }

            try
            {
                using var http = new HttpClient { BaseAddress = host(), Timeout = TimeSpan.FromSeconds(10) };
                var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/email/events") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                request.Headers.Add("X-Twilio-Email-Event-Webhook-Signature",
                    Convert.ToBase64String(eventKey.SignData(Encoding.UTF8.GetBytes(ts + json), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)));
                request.Headers.Add("X-Twilio-Email-Event-Webhook-Timestamp", ts);
                using var response = await http.SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    events.TryDequeue(out _);
                    continue;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // The host is down or restarting: SendGrid retries too.
            }

            await Task.Delay(500, ct);
        }
    }

    /// <summary>The client's reply from <paramref name="from"/>, posted as Twilio posts an inbound text (signed with the auth token).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do not use weak cryptographic algorithms", Justification = "Twilio's webhook signature scheme is HMAC-SHA1.")]
    public static HttpRequestMessage InboundSms(string from, string body, string sid)
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = sid, ["AccountSid"] = AccountSid, ["From"] = from, ["To"] = FromNumber, ["Body"] = body, ["NumMedia"] = "0",
        };
        var text = new StringBuilder(PublicBaseUrl + "/api/sms/inbound");
        foreach (var key in form.Keys.Order(StringComparer.Ordinal))
        {
            text.Append(key).Append(form[key]);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "api/sms/inbound") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(AuthToken), Encoding.UTF8.GetBytes(text.ToString()))));
        return request;
    }

    private void HoldIfArmed() => Hold(Interlocked.Exchange(ref armed, null));

    private void Hold(TaskCompletionSource? next)
    {
        if (next is not null)
        {
            Interlocked.Exchange(ref onHold, null)?.Invoke();
            next.TrySetResult();
            released.Wait(TimeSpan.FromSeconds(30));
        }
    }

    private ResponseMessage AcceptSms(IRequestMessage request)
    {
        var form = (request.Body ?? request.BodyData?.BodyAsString ?? "").Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "");
        var sid = "SM" + Guid.NewGuid().ToString("N");
        var (referralId, key) = CallbackKey(form.GetValueOrDefault("StatusCallback"));
        accepted.Enqueue(new AcceptedMessage(key, referralId, "sms", form.GetValueOrDefault("To", ""), form.GetValueOrDefault("Body", ""), sid));
        HoldIfArmed();
        return Json(201, new Dictionary<string, object?> { ["sid"] = sid, ["status"] = "queued", ["to"] = form.GetValueOrDefault("To"), ["body"] = form.GetValueOrDefault("Body") });
    }

    private ResponseMessage ListSms(IRequestMessage request)
    {
        var to = request.Query?.TryGetValue("To", out var values) == true ? values.FirstOrDefault() : null;
        // Newest first, with Twilio's RFC 2822 dates: the lookup matches date_created and stops at a text sent before its window.
        var messages = accepted.Where(m => m.Channel == "sms" && (to is null || m.To == to)).OrderByDescending(m => m.AcceptedAt)
            .Select(m => new Dictionary<string, object?>
            {
                ["sid"] = m.VendorId, ["to"] = m.To, ["body"] = m.Text, ["status"] = "delivered",
                ["date_created"] = Rfc2822(m.AcceptedAt), ["date_sent"] = Rfc2822(m.AcceptedAt),
            }).ToArray();
        return Json(200, new Dictionary<string, object?>
        {
            ["messages"] = messages, ["page"] = 0, ["page_size"] = 100, ["start"] = 0, ["end"] = messages.Length,
            ["uri"] = MessagesPath + "?PageSize=100&Page=0", ["first_page_uri"] = MessagesPath + "?PageSize=100&Page=0",
            ["next_page_uri"] = null, ["previous_page_uri"] = null,
        });
    }

    private static string Rfc2822(DateTimeOffset time) =>
        time.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", System.Globalization.CultureInfo.InvariantCulture);

    private ResponseMessage AcceptEmail(IRequestMessage request)
    {
        var body = request.Body ?? request.BodyData?.BodyAsString ?? "";
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var args = root.TryGetProperty("custom_args", out var custom) ? custom : default;
        var key = args.ValueKind == JsonValueKind.Object && args.TryGetProperty("idempotency_key", out var k) ? k.GetString() ?? "" : "";
        var referralId = args.ValueKind == JsonValueKind.Object && args.TryGetProperty("referral_id", out var r) ? r.GetString() ?? "" : "";
        var to = root.GetProperty("personalizations")[0].GetProperty("to")[0].GetProperty("email").GetString() ?? "";
        var text = string.Join("\n", root.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("value").GetString()));
        var id = "sg" + Guid.NewGuid().ToString("N");
        accepted.Enqueue(new AcceptedMessage(key, referralId, "email", to, text, id));
        var held = Interlocked.Exchange(ref armed, null);
        if (held is not null)
        {
            // The email whose send the kill cuts: its processed event never reaches a host (lost, or retried past the
            // reconciliation window), so only the Email Activity API can tell the restarted host that SendGrid has it.
            Interlocked.Increment(ref withheldEvents);
            Hold(held);
            return Accepted202(id);
        }

        events.Enqueue(JsonSerializer.Serialize(new[]
        {
            new Dictionary<string, object>
            {
                ["email"] = to, ["event"] = "processed", ["sg_message_id"] = id + ".filter0001", ["sg_event_id"] = Guid.NewGuid().ToString("N"),
                ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["idempotency_key"] = key, ["referral_id"] = referralId,
            },
        }));
        return Accepted202(id);
    }

    private static ResponseMessage Accepted202(string id) => new()
    {
        StatusCode = 202,
        Headers = new Dictionary<string, WireMockList<string>> { ["X-Message-Id"] = new(id) },
    };

    /// <summary>
    /// SendGrid's Email Activity API (<c>GET /v3/messages?limit=…&amp;query=…</c>): the accepted emails whose
    /// <c>idempotency_key</c> the query names as a unique arg, in the API's shape. A query that names no key is refused (400).
    /// </summary>
    private ResponseMessage ListEmail(IRequestMessage request)
    {
        Interlocked.Increment(ref activityLookups);
        var query = request.Query?.TryGetValue("query", out var values) == true ? values.FirstOrDefault() ?? "" : "";
        if (ActivityKey().Match(query) is not { Success: true } match)
        {
            return Json(400, new Dictionary<string, object?> { ["errors"] = new[] { new Dictionary<string, string> { ["message"] = "invalid query" } } });
        }

        var messages = accepted.Where(m => m.Channel == "email" && m.Key == match.Groups[1].Value)
            .Select(m => new Dictionary<string, object?>
            {
                ["from_email"] = "referrals@clinic.example", ["msg_id"] = m.VendorId + ".filter0001", ["subject"] = "", ["to_email"] = m.To,
                ["status"] = "processed", ["opens_count"] = 0, ["clicks_count"] = 0, ["last_event_time"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            }).ToArray();
        return Json(200, new Dictionary<string, object?> { ["messages"] = messages });
    }

    /// <summary>The referral and outbox key in the status-callback token ("outbox|referral|key", base64url, signed).</summary>
    private static (string ReferralId, string Key) CallbackKey(string? url)
    {
        var token = url is null ? null : CallbackToken().Match(url) is { Success: true } m ? m.Groups[1].Value : null;
        var parts = token?.Split('.');
        if (parts is not { Length: 3 })
        {
            return ("", "");
        }

        var payload = parts[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        var fields = Encoding.UTF8.GetString(Convert.FromBase64String(payload)).Split('|', 3);
        return fields.Length == 3 ? (fields[1], fields[2]) : ("", "");
    }

    private static ResponseMessage Json(int status, object body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
        BodyData = new WireMock.Util.BodyData { BodyAsString = JsonSerializer.Serialize(body), DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
    };

    public void Dispose()
    {
        released.Set();
        server.Stop();
        server.Dispose();
        eventKey.Dispose();
        released.Dispose();
    }

    [GeneratedRegex(@"[?&]m=([^&]+)")]
    private static partial Regex CallbackToken();

    [GeneratedRegex(@"unique_args\['idempotency_key'\]=""([^""]+)""")]
    private static partial Regex ActivityKey();
}
