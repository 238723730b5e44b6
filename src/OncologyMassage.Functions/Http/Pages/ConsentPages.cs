using System.Globalization;
using System.Text;
using OncologyMassage.Domain.Venues;
using static OncologyMassage.Functions.Http.Pages.PageKit;

namespace OncologyMassage.Functions.Http.Pages;

/// <summary>The consent form as posted.</summary>
public sealed record ConsentForm(string? SignerName, bool Agreed, string? DocumentVersion, string? VisitAddress, bool AddressConfirmed)
{
    public const int MaxAddressLength = 300;

    public static ConsentForm Empty { get; } = new(null, false, null, null, false);

    public static ConsentForm Read(Microsoft.AspNetCore.Http.IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        string? One(string name) => form.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        return new ConsentForm(One("signerName"), One("agree") is not null, One("documentVersion"), One("visitAddress"), One("confirmAddress") is not null);
    }

    /// <summary>The errors keyed by field; none when the client may sign.</summary>
    public IReadOnlyDictionary<string, string[]> Validate(Venue venue)
    {
        ArgumentNullException.ThrowIfNull(venue);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (SignerName is null || SignerName.Length > 200)
        {
            errors["signerName"] = ["Type your full name to sign (up to 200 characters)."];
        }

        if (!Agreed)
        {
            errors["agree"] = ["Tick \"I agree\" to give your consent."];
        }

        if (venue.ConfirmsClientAddress && (VisitAddress is null || VisitAddress.Length > MaxAddressLength || !AddressConfirmed))
        {
            errors["visitAddress"] = ["Give the address where the therapist should visit you, and confirm it."];
        }

        return errors;
    }
}

/// <summary>The consent pages: the venue's current document, the signature, the withdrawal, and the outcome pages.</summary>
public static class ConsentPages
{
    public static string Form(string givenName, Venue venue, ConsentForm values, IReadOnlyDictionary<string, string[]> errors, DateTimeOffset respondBy)
    {
        ArgumentNullException.ThrowIfNull(venue);
        ArgumentNullException.ThrowIfNull(values);
        var document = venue.Consent;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <h1>{E.Encode(document.Title)}</h1>
            <p>Hello {E.Encode(givenName)}. Please read this consent for your sessions at <strong>{E.Encode(venue.Name)}</strong>
            and sign it below by {respondBy:yyyy-MM-dd}. You can withdraw your consent at any time.</p>
            """);
        html.Append(ErrorSummary(errors));
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"doc\" id=\"document\">{E.Encode(document.Text)}</div>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">Document version {E.Encode(document.Version)}</p>");
        html.Append("<form method=\"post\" novalidate>");
        html.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"documentVersion\" value=\"{E.Encode(document.Version)}\">");
        if (venue.ConfirmsClientAddress)
        {
            html.Append("<fieldset><legend>Where we visit you</legend>");
            html.Append(CultureInfo.InvariantCulture, $"<p>Our therapist comes to your home. We cover: {E.Encode(venue.AddressOrServiceArea)}.</p>");
            html.Append(Area("visitAddress", "Address of the visit", values.VisitAddress, errors, hint: "Street, number, apartment, town, and anything the therapist needs to find you."));
            html.Append(Check("confirmAddress", "yes", "This is the address where the therapist should visit me.", values.AddressConfirmed));
            html.Append("</fieldset>");
        }

        html.Append("<fieldset><legend>Your signature</legend>");
        html.Append(Text("signerName", "Your full name", values.SignerName, errors, required: true));
        var (_, agreeError) = ErrorOf("agree", errors);
        html.Append(agreeError).Append(Check("agree", "yes", "I agree: I have read this consent and I give it.", values.Agreed));
        html.Append("</fieldset><button type=\"submit\">Sign</button></form>");
        html.Append("<p class=\"muted\">This link works once for signing. To withdraw later, open the same link and add /withdraw, or tell the venue.</p>");
        return Page("Consent", html.ToString());
    }

    public static string WithdrawForm(string givenName, string venueName, string? reason, IReadOnlyDictionary<string, string[]> errors)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <h1>Withdraw your consent</h1>
            <p>Hello {E.Encode(givenName)}. If you withdraw, {E.Encode(venueName)} will not give you further sessions and will cancel any booked one.
            Nothing you have told us is shared because of this.</p>
            """);
        html.Append(ErrorSummary(errors));
        html.Append("<form method=\"post\">");
        html.Append(Area("reason", "Would you like to tell us why? (optional)", reason, errors));
        html.Append("<button type=\"submit\">Withdraw my consent</button></form>");
        return Page("Withdraw consent", html.ToString());
    }
}
