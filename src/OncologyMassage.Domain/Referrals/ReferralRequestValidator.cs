using System.Globalization;
using FluentValidation;
using OncologyMassage.Domain.Clinical;

namespace OncologyMassage.Domain.Referrals;

/// <summary>
/// Validates a submitted referral and names every bad field by its JSON path (<c>client.mobilePhone</c>).
/// <paramref name="today"/> comes from the caller's clock so the rules stay free of I/O.
/// </summary>
public sealed class ReferralRequestValidator : AbstractValidator<ReferralRequest>
{
    public const int MaxSessions = 12;
    private const int MaxText = 200;

    public ReferralRequestValidator(PhoneNumberNormalizer phones, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(phones);
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(r => r.Client).NotNull().WithName("client").WithMessage("client is required.");
        RuleFor(r => r.Client!).SetValidator(new ClientValidator(phones, today)).When(r => r.Client is not null).OverridePropertyName("client");

        RuleFor(r => r.Oncologist).NotNull().WithName("oncologist").WithMessage("oncologist is required.");
        RuleFor(r => r.Oncologist!).SetValidator(new OncologistValidator(phones)).When(r => r.Oncologist is not null).OverridePropertyName("oncologist");

        RuleFor(r => r.VenueId).NotEmpty().Matches("^[a-z0-9][a-z0-9-]{1,62}$")
            .WithName("venueId").WithMessage("venueId must be a venue id: lower-case letters, digits and dashes.");
        RuleFor(r => r.Service).Must(s => WireNames.TryParse<ServiceType>(s, out _))
            .WithName("service").WithMessage($"service must be one of: {string.Join(", ", Enum.GetNames<ServiceType>())}.");

        RuleFor(r => r.ClinicalSummary).NotNull().WithName("clinicalSummary").WithMessage("clinicalSummary is required.");
        RuleFor(r => r.ClinicalSummary!).SetValidator(new ClinicalSummaryValidator(today)).When(r => r.ClinicalSummary is not null)
            .OverridePropertyName("clinicalSummary");

        RuleFor(r => r.Notes).MaximumLength(4000).WithName("notes");
        RuleFor(r => r.SessionsAuthorised).InclusiveBetween(1, MaxSessions).When(r => r.SessionsAuthorised is not null)
            .WithName("sessionsAuthorised").WithMessage($"sessionsAuthorised must be between 1 and {MaxSessions}.");
    }

    /// <summary>Treatment types by their kebab-case names; "transplant" and "car-t" are one kind (DOMAIN.md: "transplant/CAR-T").</summary>
    internal static bool TryParseTreatment(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TreatmentType? type)
    {
        type = text?.Trim().ToUpperInvariant() is "TRANSPLANT" or "CAR-T" or "CART" ? TreatmentType.TransplantOrCarT : null;
        return type is not null || WireNames.TryParse(text, out type);
    }

    internal static bool IsPastDate(string? text, DateOnly today, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && date <= today;

    private sealed class ClientValidator : AbstractValidator<ClientRequest>
    {
        public ClientValidator(PhoneNumberNormalizer phones, DateOnly today)
        {
            RuleFor(c => c.GivenName).NotEmpty().MaximumLength(MaxText).WithName("givenName");
            RuleFor(c => c.FamilyName).NotEmpty().MaximumLength(MaxText).WithName("familyName");
            RuleFor(c => c.DateOfBirth)
                .Must(d => IsPastDate(d, today, out var dob) && dob.Year >= today.Year - 120)
                .WithName("dateOfBirth").WithMessage("dateOfBirth must be a past date written yyyy-MM-dd.");
            RuleFor(c => c.MobilePhone)
                .Must(p => phones.TryNormalize(p, mustBeMobile: true, out _))
                .WithName("mobilePhone").WithMessage("mobilePhone must be a valid mobile number (international form, e.g. +16175550143).");
            RuleFor(c => c.Email).Cascade(CascadeMode.Stop).NotEmpty().ValidEmailAddress().WithName("email");
            RuleFor(c => c.PreferredContact).Must(p => WireNames.TryParse<ContactChannel>(p, out _))
                .WithName("preferredContact").WithMessage("preferredContact must be one of: sms, email.");
            RuleFor(c => c.TimeZone).Must(IsIanaTimeZone)
                .WithName("timeZone").WithMessage("timeZone must be an IANA time zone such as America/New_York.");
            RuleFor(c => c.PreferredLanguage).Must(IsLanguageTag).When(c => c.PreferredLanguage is not null)
                .WithName("preferredLanguage").WithMessage("preferredLanguage must be a BCP 47 language tag such as en or es-MX.");
        }

        // The shape of a BCP 47 tag (language, then subtags of 1–8 letters or digits); which languages the clinic writes
        // in is decided where messages are chosen, not here.
        private static bool IsLanguageTag(string? tag) =>
            tag is { Length: >= 2 and <= 35 } && System.Text.RegularExpressions.Regex.IsMatch(tag.Trim(), "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$");

        private static bool IsIanaTimeZone(string? id) =>
            !string.IsNullOrWhiteSpace(id) && id.Contains('/', StringComparison.Ordinal)
            && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId;
    }

    private sealed class OncologistValidator : AbstractValidator<OncologistRequest>
    {
        public OncologistValidator(PhoneNumberNormalizer phones)
        {
            RuleFor(o => o.Name).NotEmpty().MaximumLength(MaxText).WithName("name");
            RuleFor(o => o.Practice).NotEmpty().MaximumLength(MaxText).WithName("practice");
            RuleFor(o => o.Email).Cascade(CascadeMode.Stop).NotEmpty().ValidEmailAddress().WithName("email");
            RuleFor(o => o.Phone).Must(p => phones.TryNormalize(p, mustBeMobile: false, out _))
                .WithName("phone").WithMessage("phone must be a valid phone number.");
        }
    }

    private sealed class ClinicalSummaryValidator : AbstractValidator<ClinicalSummaryRequest>
    {
        public ClinicalSummaryValidator(DateOnly today)
        {
            RuleFor(s => s.CancerType).NotEmpty().MaximumLength(MaxText).WithName("cancerType");
            RuleFor(s => s.Treatments).Must(t => t is null || t.Count <= 50).WithName("treatments").WithMessage("treatments lists at most 50 entries.");
            RuleForEach(s => s.Treatments).SetValidator(new TreatmentValidator(today)).OverridePropertyName("treatments");
            RuleFor(s => s.Precautions).Must(p => p is null || p.Count <= 50).WithName("precautions").WithMessage("precautions lists at most 50 entries.");
            RuleForEach(s => s.Precautions).SetValidator(new PrecautionValidator()).OverridePropertyName("precautions");
        }
    }

    private sealed class TreatmentValidator : AbstractValidator<TreatmentRequest>
    {
        public TreatmentValidator(DateOnly today)
        {
            RuleFor(t => t).NotNull().WithName("treatment");
            RuleFor(t => t.Type).Must(t => TryParseTreatment(t, out _))
                .WithName("type").WithMessage("type must be one of: chemotherapy, radiation, surgery, hormonal, immunotherapy, targeted, transplant, car-t.");
            RuleFor(t => t.StartedOn).Must(d => IsPastDate(d, today, out _))
                .WithName("startedOn").WithMessage("startedOn must be a date written yyyy-MM-dd, not in the future.");
            RuleFor(t => t.EndedOn)
                .Must((t, d) => DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
                    && (!IsPastDate(t.StartedOn, today, out var start) || end >= start))
                .When(t => t.EndedOn is not null)
                .WithName("endedOn").WithMessage("endedOn must be a date written yyyy-MM-dd, on or after startedOn.");
        }
    }

    private sealed class PrecautionValidator : AbstractValidator<PrecautionRequest>
    {
        public PrecautionValidator()
        {
            RuleFor(p => p.Code).Must(c => PrecautionCodes.TryParse(c, out _))
                .WithName("code").WithMessage($"code must be one of: {string.Join(", ", PrecautionCodes.All)}.");
            RuleFor(p => p.Region).Must(r => BodyRegions.TryParse(r, out _)).When(p => p.Region is not null)
                .WithName("region").WithMessage($"region must be one of: {string.Join(", ", Enum.GetValues<BodyRegion>().Select(r => r.ToWireName()))}.");
            RuleFor(p => p.Side).Must(s => WireNames.TryParse<BodySide>(s, out var side) && side != BodySide.Unspecified).When(p => p.Side is not null)
                .WithName("side").WithMessage("side must be one of: left, right, both.");
            RuleFor(p => p.Detail).MaximumLength(1000).WithName("detail");
        }
    }
}
