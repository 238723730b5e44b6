using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OncologyMassage.LocalHost.Demo;

namespace OncologyMassage.IntegrationTests.Engine;

/// <summary>A client whose referral says Spanish gets Spanish texts, Spanish answers to replies and Spanish pages (#17 item 3).</summary>
public sealed partial class ReferralJourneyTests
{
    [Fact]
    public async Task Journey_SpanishClient_GetsSpanishTextsRepliesAndConsentPage()
    {
        var (host, actors, _) = await StartAsync(azurite);
        await using var __ = host;
        var id = await SubmitAsync(host, r => r["client"]!["preferredLanguage"] = "es-MX");

        Ok(await actors.DecideReleaseAsync(id, ReferralActors.Signature("approve"), Ct));
        var intake = await actors.MessageAsync(id, ":intake:1", Ct);
        Ok(await actors.SubmitIntakeAsync(id, ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow)), Ct));
        var slots = await actors.MessageAsync(id, ":slots:1:1", Ct);
        using var reply = await actors.ReplyToTextAsync(id, ":slots:1:1", "2", Ct);
        var answered = (await reply.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reply").GetString();
        var consent = await actors.MessageAsync(id, ":consent:1", Ct);
        using var people = new HttpClient { BaseAddress = host.Http.BaseAddress };
        var page = WebUtility.HtmlDecode(await people.GetStringAsync(new Uri(ReferralActors.LinkIn(consent, "consent"), UriKind.Relative), Ct));

        Assert.Equal(
            (true, true, (string?)"Gracias, recibimos su respuesta.", true, true),
            (intake.Body.Contains("formulario de admisión", StringComparison.Ordinal), slots.Body.Contains("elija un horario", StringComparison.Ordinal),
             answered, consent.Body.Contains("formulario de consentimiento", StringComparison.Ordinal),
             page.Contains("<html lang=\"es\">", StringComparison.Ordinal) && page.Contains("Por favor lea este consentimiento", StringComparison.Ordinal)));
    }
}
