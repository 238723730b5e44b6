using System.Diagnostics.CodeAnalysis;
using PhoneNumbers;

namespace OncologyMassage.Domain.Referrals;

/// <summary>Phone normalisation to E.164 with libphonenumber (Google's rules, kept current by the library).</summary>
public sealed class PhoneNumberNormalizer(string defaultRegion = "US")
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public string DefaultRegion { get; } = defaultRegion;

    /// <summary>Parses any common spelling ("(617) 555-0143", "+44 20 7946 0018") into E.164, or fails.</summary>
    public bool TryNormalize(string? text, bool mustBeMobile, [NotNullWhen(true)] out string? e164)
    {
        e164 = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        PhoneNumber number;
        try
        {
            number = Util.Parse(text, DefaultRegion);
        }
        catch (NumberParseException)
        {
            return false;
        }

        if (!Util.IsValidNumber(number))
        {
            return false;
        }

        if (mustBeMobile && Util.GetNumberType(number) is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
        {
            return false;
        }

        e164 = Util.Format(number, PhoneNumberFormat.E164);
        return true;
    }
}
