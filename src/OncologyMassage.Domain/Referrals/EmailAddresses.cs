using FluentValidation;
using MimeKit;

namespace OncologyMassage.Domain.Referrals;

/// <summary>
/// E-mail addresses as RFC 5322 defines them, read by MimeKit's strict address parser rather than a pattern of our own:
/// the value must be exactly one bare address (no display name, no route, no surrounding text), with a local part, an
/// <c>@</c> and an internet host name of at least two labels. Anything a mail system would refuse or guess at is invalid.
/// </summary>
public static class EmailAddresses
{
    /// <summary>The longest address SMTP can carry (RFC 5321: a 254-character path without the angle brackets).</summary>
    public const int MaxLength = 254;

    private static readonly ParserOptions Strict = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
        Rfc2047ComplianceMode = RfcComplianceMode.Strict,
    };

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || value.AsSpan().ContainsAny('<', '>') || value.Trim().Length != value.Length)
        {
            return false;
        }

        if (!MailboxAddress.TryParse(Strict, value, out var mailbox) || mailbox.Route.Count > 0 || !string.IsNullOrEmpty(mailbox.Name)
            || !string.Equals(mailbox.Address, value, StringComparison.Ordinal))
        {
            return false;
        }

        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1)
        {
            return false;
        }

        var domain = value[(at + 1)..];
        return domain.Contains('.', StringComparison.Ordinal) && !domain.EndsWith('.') && Uri.CheckHostName(domain) == UriHostNameType.Dns;
    }

    /// <summary>The FluentValidation rule every e-mail field uses (referral, venue, coordinator, intake).</summary>
    public static IRuleBuilderOptions<T, string?> ValidEmailAddress<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsValid).WithMessage("'{PropertyName}' is not a valid email address: write it as name@example.org, with no spaces, names or brackets.");
}
