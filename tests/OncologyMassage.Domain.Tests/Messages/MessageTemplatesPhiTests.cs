using System.Globalization;
using System.Reflection;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Languages;
using OncologyMassage.Domain.Messages;
using OncologyMassage.Domain.Tests.Referrals;

namespace OncologyMassage.Domain.Tests.Messages;

/// <summary>
/// Every message template (<see cref="MessageTemplates"/> and the booking and invite text of <see cref="CalendarTemplates"/>),
/// found by reflection (a new template is covered without touching this test), rendered with arguments next to a sample
/// referral full of clinical facts: no body or subject may carry any of them (DOMAIN.md,
/// "Messages"). Only the venue, the action, a link and the generic follow-up question are allowed.
/// </summary>
public sealed class MessageTemplatesPhiTests
{
    private static readonly Uri Link = new("https://om.example/api/intake/abc.def");
    private static readonly DateTimeOffset When = new(2026, 12, 9, 14, 30, 0, TimeSpan.Zero);

    private static readonly string[] GenericQuestion = ["pain", "tiredness", "nausea", "worry"];

    private static readonly Type[] TemplateClasses = [typeof(MessageTemplates), typeof(CalendarTemplates)];

    /// <summary>Every template, both variants, in every language with translations (a new .resx is covered without touching this test).</summary>
    public static TheoryData<string> Templates()
    {
        var data = new TheoryData<string>();
        foreach (var type in TemplateClasses)
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                foreach (var variant in new[] { false, true })
                {
                    foreach (var language in ClientLanguages.Available())
                    {
                        data.Add($"{type.Name}.{method.Name}/{variant}/{language.Name}");
                    }
                }
            }
        }

        return data;
    }

    /// <summary>What the clinic knows of the sample client: their identity and health. None of it may leave in a message.</summary>
    private static string[] ClinicalFacts()
    {
        var referral = ReferralRequests.Valid();
        return
        [
            referral.Client!.GivenName!, referral.Client.FamilyName!, referral.Client.DateOfBirth!, referral.ClinicalSummary!.CancerType!,
            "cancer", "chemo", "radiation", "surgery", "mastectomy", "port", "picc", "lymph", "node", "platelet", "neutrop", "anemia",
            "haemoglobin", "hemoglobin", "clot", "dvt", "warfarin", "apixaban", "anticoag", "steroid", "metasta", "bone", "neuropathy",
            "ostomy", "diagnos", "tumou", "tumor", "swelling", "fever", "bruis", "blister", "precaution", "pressure", "red flag",
            // The same facts in Spanish (stems, with and without accents).
            "cáncer", "cancer", "quimio", "radiaci", "radioterapia", "cirug", "mastectom", "puerto", "catéter", "cateter", "linf", "ganglio",
            "plaqueta", "neutrop", "anemia", "hemoglobina", "coágulo", "coagulo", "trombo", "anticoag", "esteroide", "metást", "metast",
            "hueso", "óseo", "neuropat", "ostom", "diagnóst", "diagnost", "hinchaz", "hinchad", "fiebre", "moret", "ampolla", "precauci",
            "presión", "alerta",
            // The generic follow-up question DOMAIN.md allows ("Reply 0-10 for pain, tiredness, nausea, worry") is not a fact about the client.
            .. Enum.GetValues<PrecautionCode>().Select(c => c.Describe()).Where(d => !GenericQuestion.Contains(d, StringComparer.OrdinalIgnoreCase)),
        ];
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_RenderedNextToClinicalData_CarriesNoClinicalFact(string template)
    {
        var parts = template.Split('/');
        var (name, variant, language) = (parts[0], bool.Parse(parts[1]), CultureInfo.GetCultureInfo(parts[2]));
        var method = TemplateClasses.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .First(m => $"{m.DeclaringType!.Name}.{m.Name}" == name);
        var arguments = method.GetParameters().Select(p => Argument(p, variant, language)).ToArray();

        var rendered = method.Invoke(null, arguments) switch
        {
            EmailContent email => email.Subject + "\n" + email.TextBody,
            string sms => sms,
            var other => throw new InvalidOperationException($"{name} returns {other?.GetType().Name}; teach this test how to read it."),
        };

        Assert.All(ClinicalFacts(), fact => Assert.False(
            System.Text.RegularExpressions.Regex.IsMatch(rendered, $@"\b{System.Text.RegularExpressions.Regex.Escape(fact)}{(char.IsUpper(fact[0]) || char.IsDigit(fact[0]) ? @"\b" : "")}", System.Text.RegularExpressions.RegexOptions.IgnoreCase),
            $"{name} carries '{fact}':\n{rendered}"));
    }

    [Fact]
    public void CalendarInvite_RenderedForTheSampleVenue_CarriesNoClinicalFact()
    {
        // The .ics text itself (SUMMARY, DESCRIPTION, LOCATION, ORGANIZER...): an invite may sit in a shared calendar.
        var invite = new SessionInvite(CalendarInvites.Uid("ref-0123", 1, "om.example"), 0, "Harbor Wellness", "America/New_York",
            When, When.AddHours(1), When, "referrals@om.example")
        {
            Location = "1 Harbor Way, Boston, MA 02110",
            VenuePhone = "+16175550123",
            Directions = "Enter by the north door on Harbor Way; parking on level 2.",
            AttendeeEmail = "client@example.org",
        };

        var texts = ClientLanguages.Available().SelectMany(language => new[]
        {
            CalendarInvites.Render(invite with { Language = language }, InviteMethod.Request),
            CalendarInvites.Render(invite with { Language = language }, InviteMethod.Cancel),
        });
        foreach (var text in texts)
        {
            Assert.All(ClinicalFacts().Append("oncolog"), fact => Assert.False(
                System.Text.RegularExpressions.Regex.IsMatch(text, $@"\b{System.Text.RegularExpressions.Regex.Escape(fact)}", System.Text.RegularExpressions.RegexOptions.IgnoreCase),
                $"The invite carries '{fact}':\n{text}"));
        }
    }

    [Fact]
    public void Template_WithAClinicalWordSmuggledIn_IsCaughtByTheCheck()
    {
        // The check itself must bite: a body naming a precaution fails it.
        var body = MessageTemplates.IntakeInvitationSms(ClientLanguages.Default, "Harbor Infusion Center", Link, false) + " (port on the right chest)";

        Assert.Contains(ClinicalFacts(), fact => body.Contains(fact, StringComparison.OrdinalIgnoreCase));
    }

    // Facts starting with a capital (names, the diagnosis, precaution names) must match as whole words ("Ada" is not
    // "adaptations"); lower-case stems ("chemo", "metasta") match as word prefixes.
    private static object? Argument(ParameterInfo parameter, bool variant, CultureInfo language) => parameter.ParameterType switch
    {
        var t when t == typeof(CultureInfo) => language,
        var t when t == typeof(string) && parameter.Name == "venueName" => "Harbor Infusion Center",
        var t when t == typeof(string) && parameter.Name == "referralId" => "ref-0123",
        // The venue's own details as a venue would write them; the invert variant leaves them out.
        var t when t == typeof(string) && parameter.Name == "venuePhone" => variant ? null : "+16175550123",
        var t when t == typeof(string) && parameter.Name == "directions" => variant ? null : "Enter by the north door on Harbor Way; parking on level 2.",
        var t when t == typeof(string) => "A client's reply",
        var t when t == typeof(Uri) => Link,
        var t when t == typeof(DateTimeOffset) => When,
        var t when t == typeof(bool) => variant,
        var t when t == typeof(int) => variant ? 30 : 1,
        var t when t == typeof(IReadOnlyList<DateTimeOffset>) => new[] { When, When.AddDays(1), When.AddDays(2) },
        var t => throw new InvalidOperationException($"Teach this test an argument of type {t.Name} ({parameter.Name})."),
    };
}
