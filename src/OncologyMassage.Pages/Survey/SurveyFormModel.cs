using System.Globalization;
using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Pages.Forms;
using S = OncologyMassage.Pages.Survey.SurveyStrings;

namespace OncologyMassage.Pages.Survey;

/// <summary>A follow-up's ratings as given (only those answered: a blank is not counted, never 0) and the free text.</summary>
public sealed record SurveyAnswer(IReadOnlyList<(FollowUpItem Item, int Score)> Ratings, string? Text);

/// <summary>
/// A follow-up's web form as posted (the +7 day survey, and every follow-up of a client who is not texted): optional 0–10
/// ratings and free text, each property a field named by its <see cref="FieldPath"/>; <see cref="Validate"/> keys its
/// errors by the same paths.
/// </summary>
public sealed class SurveyFormModel
{
    public const int MaxTextLength = 2000;

    /// <summary>The error of the form as a whole (nothing answered), shown on the ratings' fieldset.</summary>
    public const string WholeForm = "form";

    public string? Pain { get; init; }

    public string? Tiredness { get; init; }

    public string? Nausea { get; init; }

    public string? Anxiety { get; init; }

    public string? WellBeing { get; init; }

    public string? Sleep { get; init; }

    /// <summary>"Any swelling or skin change since the session? Anything else?"</summary>
    public string? Changes { get; init; }

    /// <summary>The items asked, in the form's order, with their property names and values.</summary>
    public IEnumerable<(FollowUpItem Item, string Property, string? Value)> Items() =>
    [
        (FollowUpItem.Pain, nameof(Pain), Pain), (FollowUpItem.Tiredness, nameof(Tiredness), Tiredness), (FollowUpItem.Nausea, nameof(Nausea), Nausea),
        (FollowUpItem.Anxiety, nameof(Anxiety), Anxiety), (FollowUpItem.WellBeing, nameof(WellBeing), WellBeing), (FollowUpItem.Sleep, nameof(Sleep), Sleep),
    ];

    /// <summary>The answer, or null and the errors keyed by field path.</summary>
    public (SurveyAnswer? Answer, FormErrors Errors) Validate()
    {
        var errors = new FormErrors();
        var given = new List<(FollowUpItem, int)>();
        foreach (var (item, property, text) in Items())
        {
            if (text is null)
            {
                continue;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var score) && Score.IsValid(score))
            {
                given.Add((item, score));
            }
            else
            {
                errors.Add(FieldPath.Of(property), S.ErrorScore);
            }
        }

        if (Changes?.Length > MaxTextLength)
        {
            errors.Add(FieldPath.Of(nameof(Changes)), S.ErrorTooLong(MaxTextLength));
        }

        if (given.Count == 0 && Changes is null && errors.Count == 0)
        {
            errors.Add(WholeForm, S.ErrorNothingAnswered);
        }

        return errors.Count > 0 ? (null, errors) : (new SurveyAnswer(given, Changes), errors);
    }
}
