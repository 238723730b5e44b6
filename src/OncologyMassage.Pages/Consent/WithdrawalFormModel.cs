using OncologyMassage.Pages.Forms;

namespace OncologyMassage.Pages.Consent;

/// <summary>The consent withdrawal as posted: an optional reason.</summary>
public sealed class WithdrawalFormModel
{
    public const int MaxReasonLength = 500;

    public string? Reason { get; init; }

    public FormErrors Validate()
    {
        var errors = new FormErrors();
        if (Reason?.Length > MaxReasonLength)
        {
            errors.Add(FieldPath.Of(nameof(Reason)), ConsentStrings.ErrorReasonTooLong(MaxReasonLength));
        }

        return errors;
    }
}
