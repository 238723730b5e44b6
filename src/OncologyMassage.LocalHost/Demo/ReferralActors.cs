using System.Net.Http.Json;
using System.Text.RegularExpressions;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.LocalHost.Demo;

/// <summary>
/// The people around a referral, acting only through what they would really have: the oncologist and the client open the
/// signed links in the messages the workflow sent (read from the dev outbox) and post the forms; the client texts back
/// through the simulated phone (which signs the webhook like Twilio, and which only a coordinator of the referral's venue,
/// signed in, may hold: <paramref name="phone"/>); the therapist records the session through the coordinators' API.
/// Used by <c>--demo</c> and by the end-to-end tests, so both walk the same paths.
/// </summary>
public sealed partial class ReferralActors(HttpClient http, IMessageOutbox outbox, HttpClient? phone = null)
{
    /// <summary>The same people, with the simulated phone in the hands of a signed-in coordinator of the referral's venue.</summary>
    public ReferralActors WithPhone(HttpClient signedInCoordinator) => new(http, outbox, signedInCoordinator) { MessageTimeout = MessageTimeout };

    /// <summary>How long to wait for a message to appear in the outbox.</summary>
    public TimeSpan MessageTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The first outbox message of the referral whose idempotency key ends with <paramref name="keySuffix"/> (e.g. ":intake:1").</summary>
    public Task<OutboxRow> MessageAsync(string referralId, string keySuffix, CancellationToken cancellationToken) =>
        MessageAsync(referralId, key => key.EndsWith(keySuffix, StringComparison.Ordinal), keySuffix, cancellationToken);

    /// <summary>The first outbox message of the referral whose idempotency key matches.</summary>
    public async Task<OutboxRow> MessageAsync(string referralId, Func<string, bool> key, string description, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(MessageTimeout);
        while (true)
        {
            var message = (await outbox.ListAsync(referralId, timeout.Token))
                .FirstOrDefault(m => key(m.IdempotencyKey));
            if (message is not null)
            {
                return message;
            }

            try
            {
                await Task.Delay(150, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No message '{description}' for {referralId} within {MessageTimeout}.");
            }
        }
    }

    /// <summary>The path of the signed link for <paramref name="purpose"/> in the message (api/{purpose}/{token}).</summary>
    public static string LinkIn(OutboxRow message, string purpose)
    {
        ArgumentNullException.ThrowIfNull(message);
        var match = Link().Matches(message.Body).FirstOrDefault(m => m.Groups[1].Value == purpose)
            ?? throw new InvalidOperationException($"No {purpose} link in message {message.IdempotencyKey}.");
        return match.Value[(match.Value.IndexOf("/api/", StringComparison.Ordinal) + 1)..];
    }

    /// <summary>Opens the link in the message (as a browser would: GET, keeping the page's hidden fields) and posts the form.</summary>
    public async Task<HttpResponseMessage> PostFormFromMessageAsync(
        string referralId, string keySuffix, string purpose, IDictionary<string, string> form, CancellationToken cancellationToken, string pathSuffix = "")
    {
        ArgumentNullException.ThrowIfNull(form);
        var message = await MessageAsync(referralId, key => key.EndsWith(keySuffix, StringComparison.Ordinal) || key.Contains(keySuffix + ":", StringComparison.Ordinal), keySuffix, cancellationToken);
        var link = new Uri(LinkIn(message, purpose) + pathSuffix, UriKind.Relative);
        var page = await http.GetStringAsync(link, cancellationToken);
        var fields = Hidden().Matches(page).ToDictionary(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value), m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value));
        foreach (var (name, value) in form)
        {
            fields[name] = value;
        }

        using var content = new FormUrlEncodedContent(fields);
        return await http.PostAsync(link, content, cancellationToken);
    }

    public Task<HttpResponseMessage> DecideReleaseAsync(string referralId, IDictionary<string, string> form, CancellationToken cancellationToken) =>
        PostFormFromMessageAsync(referralId, ":md-release:1", "release", form, cancellationToken);

    public Task<HttpResponseMessage> SubmitIntakeAsync(string referralId, IDictionary<string, string> form, CancellationToken cancellationToken) =>
        PostFormFromMessageAsync(referralId, ":intake:1", "intake", form, cancellationToken);

    public Task<HttpResponseMessage> SignConsentAsync(string referralId, IDictionary<string, string> form, CancellationToken cancellationToken) =>
        PostFormFromMessageAsync(referralId, ":consent:1", "consent", form, cancellationToken);

    /// <summary>The oncologist answers the latest question about a plan on hold.</summary>
    public Task<HttpResponseMessage> AnswerHoldQuestionAsync(string referralId, IDictionary<string, string> form, CancellationToken cancellationToken) =>
        PostFormFromMessageAsync(referralId, ":md-question", "md-question", form, cancellationToken);

    /// <summary>The client withdraws consent through the link in the consent message.</summary>
    public Task<HttpResponseMessage> WithdrawConsentAsync(string referralId, string reason, CancellationToken cancellationToken) =>
        PostFormFromMessageAsync(referralId, ":consent:1", "consent", new Dictionary<string, string> { ["reason"] = reason }, cancellationToken, "/withdraw");

    public Task<HttpResponseMessage> AnswerSurveyAsync(string referralId, int session, IDictionary<string, string> form, CancellationToken cancellationToken) =>
        PostFormFromMessageAsync(referralId, $":survey-{session}", "survey", form, cancellationToken);

    /// <summary>Waits for the text the client is answering (so the reply is not early), then replies from the simulated phone.</summary>
    public async Task<HttpResponseMessage> ReplyToTextAsync(string referralId, string keySuffix, string text, CancellationToken cancellationToken)
    {
        await MessageAsync(referralId, keySuffix, cancellationToken);
        var signedIn = phone ?? throw new InvalidOperationException("The simulated phone needs a coordinator's development sign-in: call WithPhone.");
        return await signedIn.PostAsJsonAsync(new Uri($"api/dev/phone/{referralId}/reply", UriKind.Relative), new { text }, cancellationToken);
    }

    /// <summary>The fields the demo's oncologist signs every release with.</summary>
    public static Dictionary<string, string> Signature(string decision) => new()
    {
        ["physicianName"] = "Dr. Demo Oncologist",
        ["signature"] = "Dr. Demo Oncologist",
        ["attest"] = "yes",
        ["decision"] = decision,
    };

    /// <summary>A complete, plausible intake: chemotherapy, a port, recent normal labs, moderate fatigue.</summary>
    public static Dictionary<string, string> Intake(DateOnly today) => new()
    {
        ["cancerType"] = "Breast cancer",
        ["treatments.chemotherapy.taken"] = "yes",
        ["treatments.chemotherapy.start"] = today.AddMonths(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["devices.port.present"] = "yes",
        ["devices.port.region"] = "chest",
        ["devices.port.side"] = "right",
        ["labs.platelets.value"] = "180000",
        ["labs.platelets.drawn"] = today.AddDays(-7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["symptoms.pain"] = "3",
        ["symptoms.fatigue"] = "5",
        ["goals"] = "Relax and sleep better",
        ["careTeam.name"] = "Nurse Joy",
        ["permissionToContactCareTeam"] = "yes",
    };

    /// <summary>The consent signature (the document version comes from the page's hidden field).</summary>
    public static Dictionary<string, string> Consent(string signerName) => new()
    {
        ["signerName"] = signerName,
        ["agree"] = "yes",
        ["confirmAddress"] = "yes",
        ["visitAddress"] = "12 Elm St, Cambridge MA",
    };

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex Hidden();

    [GeneratedRegex(@"https?://\S+?/api/([a-z-]+)/[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+)+")]
    private static partial Regex Link();
}
