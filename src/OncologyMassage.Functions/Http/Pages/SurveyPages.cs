using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using OncologyMassage.Domain.Outcomes;
using static OncologyMassage.Functions.Http.Pages.PageKit;

namespace OncologyMassage.Functions.Http.Pages;

/// <summary>A follow-up's web form as posted (the +7 day survey, and every follow-up of a client who is not texted): optional 0–10 ratings (blank = not answered, never 0) and free text.</summary>
public sealed record SurveyForm(IReadOnlyDictionary<string, string> Ratings, string? Text)
{
    public const int MaxTextLength = 2000;

    /// <summary>The items asked, their field names and plain words (0 = none or best, 10 = worst).</summary>
    public static IReadOnlyList<(FollowUpItem Item, string Name, string Label)> Items { get; } =
    [
        (FollowUpItem.Pain, "pain", "Pain"),
        (FollowUpItem.Tiredness, "tiredness", "Tiredness"),
        (FollowUpItem.Nausea, "nausea", "Nausea"),
        (FollowUpItem.Anxiety, "anxiety", "Worry or anxiety"),
        (FollowUpItem.WellBeing, "wellBeing", "Well-being (0 = best, 10 = worst)"),
        (FollowUpItem.Sleep, "sleep", "Sleep problems (0 = sleeping well, 10 = worst)"),
    ];

    public static SurveyForm Empty { get; } = new(new Dictionary<string, string>(), null);

    public static SurveyForm Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        string? One(string name) => form.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        var ratings = Items.Select(i => (i.Name, Value: One(i.Name))).Where(r => r.Value is not null).ToDictionary(r => r.Name, r => r.Value!);
        return new SurveyForm(ratings, One("changes"));
    }

    /// <summary>The ratings given (only those answered), or the errors keyed by field.</summary>
    public (IReadOnlyList<(FollowUpItem Item, int Score)> Ratings, IReadOnlyDictionary<string, string[]> Errors) Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var given = new List<(FollowUpItem, int)>();
        foreach (var (item, name, _) in Items)
        {
            if (!Ratings.TryGetValue(name, out var text))
            {
                continue;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var score) && Score.IsValid(score))
            {
                given.Add((item, score));
            }
            else
            {
                errors[name] = ["Choose a number from 0 to 10, or leave it blank."];
            }
        }

        if (Text?.Length > MaxTextLength)
        {
            errors["changes"] = [$"Please keep this to {MaxTextLength} characters."];
        }

        if (given.Count == 0 && Text is null && errors.Count == 0)
        {
            errors["form"] = ["Answer at least one question, or tell us in the box how you have been."];
        }

        return (given, errors);
    }
}

public static class SurveyPages
{
    /// <param name="givenName">The client's given name.</param>
    /// <param name="values">The form as posted (empty on first view).</param>
    /// <param name="errors">Errors by field.</param>
    /// <param name="intro">Which follow-up of which session this is, e.g. "It is the day after your session 2.".</param>
    public static string Form(string givenName, SurveyForm values, IReadOnlyDictionary<string, string[]> errors, string intro)
    {
        ArgumentNullException.ThrowIfNull(values);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <h1>How have you been since your session?</h1>
            <p>Hello {E.Encode(givenName)}. {E.Encode(intro)} Your answers help your therapist plan the next one.
            Answer only what you want to; a blank answer is simply not counted.</p>
            """);
        html.Append(ErrorSummary(errors));
        html.Append("<form method=\"post\" novalidate><fieldset id=\"form\"><legend>Right now (0 = none, 10 = worst)</legend><div class=\"row\">");
        foreach (var (_, name, label) in SurveyForm.Items)
        {
            html.Append("<div>").Append(Rating(name, label, values.Ratings.GetValueOrDefault(name), errors)).Append("</div>");
        }

        html.Append("</div></fieldset><fieldset><legend>Since the session</legend>");
        html.Append(Area("changes", "Any swelling or skin change since the session? Anything else we should know?", values.Text, errors));
        html.Append("</fieldset><button type=\"submit\">Send</button></form>");
        html.Append("<p class=\"muted\">If you feel very unwell, call your oncology team's triage line or emergency services: this form is not read at once.</p>");
        return Page("Follow-up", html.ToString());
    }

    /// <summary>The thank-you page; an immediate red flag tells the client to call now, before anything else.</summary>
    public static string Thanks(string? immediateAnswer)
    {
        var html = new StringBuilder("<h1>Thank you</h1>");
        if (immediateAnswer is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p role=\"alert\" class=\"urgent\">{E.Encode(immediateAnswer)}</p>");
        }

        html.Append("<p>Your answers are recorded. Your therapist will read them before your next session.</p>");
        return Page("Thank you", html.ToString());
    }
}
