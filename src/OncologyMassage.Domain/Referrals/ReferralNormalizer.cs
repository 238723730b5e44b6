using System.Globalization;
using OncologyMassage.Domain.Clinical;

namespace OncologyMassage.Domain.Referrals;

/// <summary>Validation and normalisation in one call: either a <see cref="Referral"/> or every error by field.</summary>
public sealed class ReferralNormalizer(PhoneNumberNormalizer phones)
{
    public ReferralValidationResult Normalize(ReferralRequest? request, DateOnly today)
    {
        if (request is null)
        {
            return ReferralValidationResult.Invalid(new Dictionary<string, string[]> { [""] = ["A referral body is required."] });
        }

        var result = new ReferralRequestValidator(phones, today).Validate(request);
        if (!result.IsValid)
        {
            var errors = result.Errors
                .GroupBy(e => ToJsonPath(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
            return ReferralValidationResult.Invalid(errors);
        }

        return ReferralValidationResult.Valid(ToReferral(request));
    }

    private Referral ToReferral(ReferralRequest r)
    {
        var c = r.Client!;
        var o = r.Oncologist!;
        var s = r.ClinicalSummary!;
        var mobile = Validated(phones.TryNormalize(c.MobilePhone, mustBeMobile: true, out var m), m);
        var oncologistPhone = Validated(phones.TryNormalize(o.Phone, mustBeMobile: false, out var op), op);
        var channel = Validated(WireNames.TryParse<ContactChannel>(c.PreferredContact, out var ch), ch);
        var service = Validated(WireNames.TryParse<ServiceType>(r.Service, out var sv), sv);

        return new Referral(
            new ClientDetails(c.GivenName!.Trim(), c.FamilyName!.Trim(), ParseDate(c.DateOfBirth!), mobile, c.Email!.Trim(), channel, c.TimeZone!)
            {
                PreferredLanguage = string.IsNullOrWhiteSpace(c.PreferredLanguage) ? ClientDetails.DefaultLanguage : c.PreferredLanguage.Trim(),
            },
            new OncologistDetails(o.Name!.Trim(), o.Practice!.Trim(), o.Email!.Trim(), oncologistPhone),
            r.VenueId!,
            service,
            new ClinicalSummary(
                s.CancerType!.Trim(),
                (s.Treatments ?? []).Select(t => new Treatment(
                    Validated(ReferralRequestValidator.TryParseTreatment(t.Type, out var type), type),
                    ParseDate(t.StartedOn!),
                    t.EndedOn is null ? null : ParseDate(t.EndedOn))).ToArray(),
                (s.Precautions ?? []).Select(p => new Precaution(
                    PrecautionCodes.TryParse(p.Code, out var code) ? code.Value : default,
                    BodyRegions.TryParse(p.Region, out var region) ? region : null,
                    WireNames.TryParse<BodySide>(p.Side, out var side) ? side : null,
                    string.IsNullOrWhiteSpace(p.Detail) ? null : p.Detail.Trim())).ToArray()),
            string.IsNullOrWhiteSpace(r.Notes) ? null : r.Notes.Trim(),
            r.SessionsAuthorised ?? 1);
    }

    // The validator has already accepted these values; a failure here is a programming error, not bad input.
    private static string Validated(bool ok, string? value) => ok && value is not null ? value : throw NotValidated();

    private static T Validated<T>(bool ok, T? value)
        where T : struct => ok && value.HasValue ? value.Value : throw NotValidated();

    private static InvalidOperationException NotValidated() => new("Normalising a referral that did not pass validation.");

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>FluentValidation writes <c>client.MobilePhone</c> or <c>clinicalSummary.precautions[0].code</c>; the API answers in camelCase JSON paths.</summary>
    private static string ToJsonPath(string propertyName) => string.Join('.', propertyName.Split('.').Select(part =>
        part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}

/// <summary>The outcome of <see cref="ReferralNormalizer.Normalize"/>.</summary>
public sealed record ReferralValidationResult(Referral? Referral, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Referral is not null;

    public static ReferralValidationResult Valid(Referral referral) => new(referral, new Dictionary<string, string[]>());

    public static ReferralValidationResult Invalid(IReadOnlyDictionary<string, string[]> errors) => new(null, errors);
}
