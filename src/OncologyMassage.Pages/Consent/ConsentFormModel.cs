using OncologyMassage.Domain.Venues;
using OncologyMassage.Pages.Forms;
using S = OncologyMassage.Pages.Consent.ConsentStrings;

namespace OncologyMassage.Pages.Consent;

/// <summary>The consent form as posted (fields named by <see cref="FieldPath"/>), and its validation against the venue.</summary>
public sealed class ConsentFormModel
{
    public const int MaxAddressLength = 300;

    /// <summary>The error key of the document itself (the page's document block has this id): it changed while being read.</summary>
    public const string DocumentField = "document";

    public string? SignerName { get; init; }

    public bool Agree { get; init; }

    /// <summary>The version of the document the page showed (a hidden field).</summary>
    public string? DocumentVersion { get; init; }

    public string? VisitAddress { get; init; }

    public bool ConfirmAddress { get; init; }

    /// <summary>The errors keyed by field path; none when the client may sign.</summary>
    public FormErrors Validate(Venue venue)
    {
        ArgumentNullException.ThrowIfNull(venue);
        var errors = new FormErrors();
        if (SignerName is null || SignerName.Length > 200)
        {
            errors.Add(FieldPath.Of(nameof(SignerName)), S.ErrorSignerName);
        }

        if (!Agree)
        {
            errors.Add(FieldPath.Of(nameof(Agree)), S.ErrorAgree);
        }

        if (venue.ConfirmsClientAddress && (VisitAddress is null || VisitAddress.Length > MaxAddressLength || !ConfirmAddress))
        {
            errors.Add(FieldPath.Of(nameof(VisitAddress)), S.ErrorVisitAddress);
        }

        return errors;
    }
}
