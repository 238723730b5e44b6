using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Functions.Http.Pages;

/// <summary>
/// The pages behind the oncologist's signed release link: the form (who the client is, the proposed plan, the pressure
/// scale, the three answers) and the outcome pages. Every value is HTML-encoded.
/// </summary>
public static class ReleasePages
{
    private static readonly HtmlEncoder E = HtmlEncoder.Default;

    private const string Style = """
        body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;background:#fff}
        h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}fieldset{border:1px solid #767676;border-radius:6px;margin:1rem 0;padding:.75rem 1rem}
        legend{font-weight:600}label{display:block;margin:.35rem 0}input[type=text],select,textarea{font:inherit;padding:.3rem;border:1px solid #767676;border-radius:4px;max-width:100%}
        textarea{width:100%;min-height:4rem}.error{color:#a00000;font-weight:600}.hold{color:#a00000}.muted{color:#505050}
        button{font:inherit;padding:.5rem 1.25rem;border:0;border-radius:6px;background:#005a9e;color:#fff;cursor:pointer}button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #ffbf47}
        table{border-collapse:collapse}td,th{border:1px solid #b1b4b6;padding:.25rem .5rem;text-align:left}
        .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:0 1rem}
        .row{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:end}.row label{margin:0}.row p{width:100%;margin:.75rem 0 0}
        """;

    public static string Form(ReferralRecord referral, AdaptationPlan proposedPlan, ReleaseForm values, IReadOnlyDictionary<string, string[]> errors, DateTimeOffset respondBy,
        bool question = false, string? venueName = null)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(values);
        var r = referral.Referral;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <h1>{(question ? "A question about the plan for " : "Release for ")}{E.Encode(Words(r.Service))}</h1>
            <p>{E.Encode(r.Oncologist.Practice)} referred <strong>{E.Encode(r.Client.GivenName)} {E.Encode(r.Client.FamilyName)}</strong>
            (born {r.Client.DateOfBirth:yyyy-MM-dd}) to <strong>{E.Encode(venueName ?? r.VenueId)}</strong> for {E.Encode(Words(r.Service))},
            {r.SessionsAuthorised} session(s). Please answer by {respondBy:yyyy-MM-dd}.</p>
            """);
        if (errors.Count > 0)
        {
            html.Append("<div role=\"alert\" class=\"error\"><p>Please correct the following:</p><ul>");
            foreach (var message in errors.Values.SelectMany(m => m).Distinct())
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E.Encode(message)}</li>");
            }

            html.Append("</ul></div>");
        }

        html.Append("<h2>What the referral told us</h2><ul>");
        html.Append(CultureInfo.InvariantCulture, $"<li>Diagnosis: {E.Encode(r.ClinicalSummary.CancerType)}</li>");
        foreach (var t in r.ClinicalSummary.Treatments)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{E.Encode(t.Type.ToString())} from {t.StartedOn:yyyy-MM-dd}{(t.EndedOn is { } end ? $" to {end:yyyy-MM-dd}" : "")}</li>");
        }

        foreach (var p in r.ClinicalSummary.Precautions)
        {
            var where = p.Region is null ? "" : $" ({p.Region.Value.ToWireName()}{(p.Side is { } s and not BodySide.Unspecified ? ", " + s.ToString().ToLowerInvariant() : "")})";
            html.Append(CultureInfo.InvariantCulture, $"<li>{E.Encode(p.Code.Describe())}{E.Encode(where)}{(p.Detail is null ? "" : ": " + E.Encode(p.Detail))}</li>");
        }

        if (question)
        {
            // Walton: ask about the plan, not for blanket permission. The questions come from the plan's holds.
            html.Append("</ul><h2>What we need you to answer</h2><ol>");
            foreach (var q in proposedPlan.QuestionsForMd)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E.Encode(q)}</li>");
            }

            html.Append("<li>Choose below: proceed with the plan (the holds are cleared), proceed with further limits, or not advisable now.</li><ul>");
        }

        html.Append("</ul><h2>The plan we propose</h2>");
        html.Append(PlanRenderer.ToHtml(proposedPlan));
        html.Append("""
            <h2>Pressure levels we use (Walton scale)</h2>
            <table><tr><th>Level</th><th>What it feels like</th></tr>
            <tr><td>0</td><td>Still, weightless hold</td></tr><tr><td>1</td><td>Light lotioning (spreading aloe on a sunburn)</td></tr>
            <tr><td>2</td><td>Heavier lotioning: skin moves, muscle is not worked</td></tr><tr><td>3</td><td>Moderate, standard Swedish massage</td></tr>
            <tr><td>4</td><td>Deep</td></tr><tr><td>5</td><td>Very deep</td></tr></table>
            <form method="post">
            <fieldset><legend>Your answer</legend>
            """);
        html.Append(Radio("decision", "approve", "No contraindications: proceed with the plan above", values.Decision));
        html.Append(Radio("decision", "restrict", "Modify as follows (the limits below are added to the plan)", values.Decision));
        html.Append(Radio("decision", "decline", "Not advisable now (give the reason below)", values.Decision));
        html.Append("</fieldset><fieldset><legend>Modify as follows</legend>");
        html.Append(Select("maxPressure", "Maximum pressure, whole body", values.MaxPressure, [("", "No whole-body limit"), .. Levels()]));
        for (var i = 0; i < ReleaseForm.SiteRows; i++)
        {
            var site = i < values.Sites.Count ? values.Sites[i] : (null, null, null);
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"row\"><p>Site restriction {i + 1}</p><div>");
            html.Append(Select($"site{i}Region", "Region", site.Region,
                [("", "—"), .. Enum.GetValues<BodyRegion>().Where(x => x != BodyRegion.WholeBody).Select(x => (x.ToWireName(), x.ToWireName()))]));
            html.Append("</div><div>").Append(Select($"site{i}Side", "Side", site.Side, [("", "—"), ("left", "left"), ("right", "right"), ("both", "both")]));
            html.Append("</div><div>").Append(Select($"site{i}Pressure", "Limit there", site.Pressure, [("none", "No contact"), .. Levels()]));
            html.Append("</div></div>");
        }

        html.Append("<p>Positions to avoid</p><div class=\"grid\">");
        foreach (var position in Enum.GetValues<Position>())
        {
            html.Append(Checkbox("avoidPosition", position.ToString(), position.Describe(), values.AvoidPositions.Contains(position.ToString())));
        }

        html.Append("</div>");

        html.Append(Text("maxMinutes", "Longest session, minutes (10–120)", values.MaxMinutes));
        html.Append("<p>Precautions to add</p><div class=\"grid\">");
        foreach (var code in Enum.GetValues<PrecautionCode>())
        {
            html.Append(Checkbox("precaution", code.ToCode(), code.Describe(), values.Precautions.Contains(code.ToCode())));
        }

        html.Append("</div>");

        html.Append(Area("conditions", "Conditions, one per line", values.Conditions));
        html.Append("</fieldset><fieldset><legend>Comments</legend>");
        html.Append(Area("reason", "If not advisable: the reason", values.Reason));
        html.Append(Area("recommendations", "Recommendations (optional)", values.Recommendations));
        html.Append("</fieldset><fieldset><legend>Signature</legend>");
        html.Append(Text("physicianName", "Your full name", values.PhysicianName));
        html.Append(Text("physicianContact", "Phone or email for questions (optional)", values.PhysicianContact));
        html.Append(Text("signature", "Sign by typing your full name again", values.Signature));
        html.Append(Checkbox("attest", "yes", "I am the client's treating physician, or act on their behalf, and this is my decision.", values.Attested));
        html.Append("</fieldset><button type=\"submit\">Send my decision</button></form>");
        html.Append("<p class=\"muted\">This link works once and expires. It was sent only to you; please do not forward it.</p>");
        return Page("MD release", html.ToString());
    }

    public static string Message(string title, string text) =>
        Page(title, $"<h1>{E.Encode(title)}</h1><p>{E.Encode(text)}</p>");

    private static string Page(string title, string body) => $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex"><title>{E.Encode(title)}</title><style>{Style}</style></head>
        <body><main>{body}</main></body></html>
        """;

    private static string Words(ServiceType service) => service == ServiceType.EstheticianSkinCare ? "oncology esthetics (skin care)" : "oncology massage";

    private static (string Value, string Text)[] Levels() =>
        Enumerable.Range(0, 6).Select(l => (l.ToString(CultureInfo.InvariantCulture), $"Level {l} or less")).ToArray();

    private static string Radio(string name, string value, string label, string? current) =>
        $"<label><input type=\"radio\" name=\"{name}\" value=\"{value}\"{(current == value ? " checked" : "")} required> {E.Encode(label)}</label>";

    private static string Checkbox(string name, string value, string label, bool isChecked) =>
        $"<label><input type=\"checkbox\" name=\"{name}\" value=\"{E.Encode(value)}\"{(isChecked ? " checked" : "")}> {E.Encode(label)}</label>";

    private static string Text(string name, string label, string? value) =>
        $"<label for=\"{name}\">{E.Encode(label)}</label><input type=\"text\" id=\"{name}\" name=\"{name}\" value=\"{E.Encode(value ?? "")}\">";

    private static string Area(string name, string label, string? value) =>
        $"<label for=\"{name}\">{E.Encode(label)}</label><textarea id=\"{name}\" name=\"{name}\">{E.Encode(value ?? "")}</textarea>";

    private static string Select(string name, string label, string? current, IEnumerable<(string Value, string Text)> options)
    {
        var html = new StringBuilder($"<label for=\"{name}\">{E.Encode(label)}</label><select id=\"{name}\" name=\"{name}\">");
        foreach (var (value, text) in options)
        {
            html.Append(CultureInfo.InvariantCulture, $"<option value=\"{E.Encode(value)}\"{(value == (current ?? "") ? " selected" : "")}>{E.Encode(text)}</option>");
        }

        return html.Append("</select>").ToString();
    }
}
