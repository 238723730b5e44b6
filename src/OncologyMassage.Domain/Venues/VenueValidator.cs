using System.Text.RegularExpressions;
using FluentValidation;
using OncologyMassage.Domain.Referrals;

namespace OncologyMassage.Domain.Venues;

/// <summary>
/// Checks venue data before it is stored or seeded: a slug id, a known IANA time zone, a consent document with text,
/// and therapists whose weekly windows are well formed (start before end, room for one session, no overlap on a day).
/// The client-facing phone and directions are optional, but when given the phone is a callable E.164 number and the
/// directions are short plain text: no markup, no control characters, no link with credentials or a script scheme.
/// Errors are named by their JSON path (<c>therapists[0].windows[1]</c>).
/// </summary>
public sealed partial class VenueValidator : AbstractValidator<Venue>
{
    /// <summary>The same shape a referral's venueId must have.</summary>
    public const string IdPattern = "^[a-z0-9][a-z0-9-]{1,62}$";

    /// <summary>Directions travel in texts and invites: long enough for entrance, parking and floor, short enough for an SMS.</summary>
    public const int DirectionsMaxLength = 300;

    public VenueValidator()
    {
        // No class-wide Stop: on a RuleForEach it would stop at the first bad therapist and hide the others.
        RuleFor(v => v.Id).Cascade(CascadeMode.Stop).NotEmpty().Matches(IdPattern).WithName("id")
            .WithMessage("id must be a slug: lower-case letters, digits and dashes, 2 to 63 characters.");
        RuleFor(v => v.Name).NotEmpty().MaximumLength(200).WithName("name");
        RuleFor(v => v.Type).IsInEnum().WithName("type");
        RuleFor(v => v.TimeZone).Must(IsKnownTimeZone).WithName("timeZone")
            .WithMessage("timeZone must be an IANA time zone id such as America/New_York.");
        RuleFor(v => v.AddressOrServiceArea).NotEmpty().MaximumLength(500).WithName("addressOrServiceArea");
        RuleFor(v => v.CoordinatorEmail).Cascade(CascadeMode.Stop).NotEmpty().ValidEmailAddress().WithName("coordinatorEmail");
        RuleFor(v => v.BackupContact!.Name).NotEmpty().MaximumLength(200).When(v => v.BackupContact is not null).WithName("backupContact.name");
        RuleFor(v => v.BackupContact!.Email).Cascade(CascadeMode.Stop).NotEmpty().ValidEmailAddress()
            .When(v => v.BackupContact is not null).WithName("backupContact.email");
        RuleFor(v => v.BackupContact!.Phone).Must(p => new PhoneNumberNormalizer().TryNormalize(p, mustBeMobile: false, out var e164) && e164 == p)
            .When(v => v.BackupContact is not null).WithName("backupContact.phone")
            .WithMessage("backupContact.phone must be a callable number in E.164 form, such as +16175550123.");
        RuleFor(v => v.Phone).Must(p => new PhoneNumberNormalizer().TryNormalize(p, mustBeMobile: false, out var e164) && e164 == p)
            .When(v => v.Phone is not null).WithName("phone")
            .WithMessage("phone must be a callable number in E.164 form, such as +16175550123.");
        RuleFor(v => v.Directions).Cascade(CascadeMode.Stop)
            .Must(d => !string.IsNullOrWhiteSpace(d)).WithMessage("directions must not be blank; leave it out instead.")
            .MaximumLength(DirectionsMaxLength)
            .Must(IsPlainText).WithMessage("directions must be plain text: no markup (< or >) and no control characters other than line breaks.")
            .Must(HasNoUnsafeLink).WithMessage("directions may link to a web page (http or https) but never with a user name or password, nor with another scheme.")
            .When(v => v.Directions is not null).WithName("directions");
        RuleFor(v => v.SessionLength).InclusiveBetween(TimeSpan.FromMinutes(15), TimeSpan.FromHours(4)).WithName("sessionLength")
            .WithMessage("sessionLength must be between 15 minutes and 4 hours.");

        RuleFor(v => v.Consent).NotNull().WithName("consent");
        RuleFor(v => v.Consent.Version).NotEmpty().MaximumLength(40).When(v => v.Consent is not null).WithName("consent.version");
        RuleFor(v => v.Consent.Title).NotEmpty().When(v => v.Consent is not null).WithName("consent.title");
        RuleFor(v => v.Consent.Text).Must(t => !string.IsNullOrWhiteSpace(t)).When(v => v.Consent is not null).WithName("consent.text")
            .WithMessage("consent.text must not be empty: it is what the client signs.");

        RuleFor(v => v.Therapists).Cascade(CascadeMode.Stop).NotEmpty().WithName("therapists").WithMessage("therapists must list at least one therapist.")
            .Must(t => t.Select(x => x.TherapistId).Distinct(StringComparer.Ordinal).Count() == t.Count)
            .WithMessage("therapists must have distinct ids.");
        RuleForEach(v => v.Therapists).ChildRules(therapist =>
        {
            therapist.RuleFor(t => t.TherapistId).Cascade(CascadeMode.Stop).NotEmpty().Matches(IdPattern).WithName("therapistId")
                .WithMessage("therapistId must be a slug: lower-case letters, digits and dashes.");
            therapist.RuleFor(t => t.TherapistName).NotEmpty().WithName("therapistName");
            therapist.RuleFor(t => t.Windows).Cascade(CascadeMode.Stop).NotEmpty().WithName("windows")
                .Must(NoOverlap).WithMessage("windows of one therapist must not overlap on the same day.");
            therapist.RuleForEach(t => t.Windows).Must(w => w.Start < w.End).WithName("windows")
                .WithMessage("Each window must start before it ends.");
        }).OverridePropertyName("therapists");
        RuleForEach(v => v.Therapists).Must((venue, t) => t.Windows.All(w => w.Start >= w.End || w.End - w.Start >= venue.SessionLength))
            .WithName("therapists").WithMessage("Every window must be at least one session long.");
    }

    /// <summary>Every error by JSON path (camelCase, <c>therapists[0].windows[1]</c>); empty when the venue is valid.</summary>
    public static IReadOnlyDictionary<string, string[]> ErrorsOf(Venue venue)
    {
        ArgumentNullException.ThrowIfNull(venue);
        return new VenueValidator().Validate(venue).Errors
            .GroupBy(e => string.Join('.', e.PropertyName.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..])),
                StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal);
    }

    public static bool IsKnownTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    private static bool IsPlainText(string? text) =>
        text is null || text.All(c => c is '\n' or '\r' || (!char.IsControl(c) && c is not ('<' or '>') && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format));

    private static bool HasNoUnsafeLink(string? text) =>
        text is null || (!LinkWithCredentials().IsMatch(text) && SchemeLink().Matches(text).All(m => m.Groups["scheme"].Value.ToUpperInvariant() is "HTTP" or "HTTPS"));

    /// <summary>scheme://user[:password]@host — credentials in a link a client is asked to open.</summary>
    [GeneratedRegex(@"[a-z][a-z0-9+.\-]*://[^\s/?#]*@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkWithCredentials();

    /// <summary>Anything that looks like a link: "scheme://", or one of the schemes a page would run or embed.</summary>
    [GeneratedRegex(@"(?<scheme>[a-z][a-z0-9+.\-]*)://|\b(?<scheme>javascript|vbscript|data|file):", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SchemeLink();

    private static bool NoOverlap(IReadOnlyList<WeeklyWindow> windows) =>
        windows.GroupBy(w => w.Day).All(day =>
        {
            var ordered = day.OrderBy(w => w.Start).ToList();
            return ordered.Zip(ordered.Skip(1)).All(pair => pair.First.End <= pair.Second.Start);
        });
}
