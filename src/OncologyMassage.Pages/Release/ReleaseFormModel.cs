using System.Globalization;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Pages.Forms;
using OncologyMassage.Workflow.Orchestrations;
using S = OncologyMassage.Pages.Release.ReleaseStrings;

namespace OncologyMassage.Pages.Release;

/// <summary>
/// The MD release form (and the hold question's, which is the same form) as posted: each property is a field named by
/// its <see cref="FieldPath"/>, bound by <see cref="FormBinder"/>; <see cref="Validate"/> turns it into a
/// <see cref="ReleaseDecision"/> or errors keyed by the same paths.
/// </summary>
public sealed class ReleaseFormModel
{
    /// <summary>How many site-restriction rows the page offers.</summary>
    public const int SiteRows = 3;

    /// <summary><c>approve</c>, <c>restrict</c> or <c>decline</c>.</summary>
    public string? Decision { get; init; }

    public string? MaxPressure { get; init; }

    public IReadOnlyList<SiteRow> Sites { get; init; } = [];

    /// <summary>Position names (<see cref="Position"/>).</summary>
    public IReadOnlyList<string> AvoidPositions { get; init; } = [];

    public string? MaxMinutes { get; init; }

    /// <summary>Precaution wire codes (<c>ANTICOAGULANT</c>).</summary>
    public IReadOnlyList<string> Precautions { get; init; } = [];

    public string? Conditions { get; init; }

    public string? Recommendations { get; init; }

    public string? Reason { get; init; }

    public string? PhysicianName { get; init; }

    public string? PhysicianContact { get; init; }

    public string? Signature { get; init; }

    public bool Attest { get; init; }

    /// <summary>The site row to show at <paramref name="index"/> (blank past the posted rows).</summary>
    public SiteRow SiteAt(int index) => index < Sites.Count ? Sites[index] : new SiteRow();

    /// <summary>Validates the form; returns the decision, or null and the errors keyed by field path.</summary>
    public (ReleaseDecision? Decision, FormErrors Errors) Validate(DateTimeOffset now)
    {
        var errors = new FormErrors();
        var outcome = Decision switch
        {
            "approve" => ReleaseOutcome.Approved,
            "restrict" => ReleaseOutcome.ApprovedWithRestrictions,
            "decline" => ReleaseOutcome.Declined,
            _ => (ReleaseOutcome?)null,
        };
        if (outcome is null)
        {
            errors.Add(FieldPath.Of(nameof(Decision)), S.ErrorDecision);
        }

        if (PhysicianName is null || PhysicianName.Length > 200)
        {
            errors.Add(FieldPath.Of(nameof(PhysicianName)), S.ErrorPhysicianName);
        }

        if (Signature is null || !string.Equals(Signature, PhysicianName, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(FieldPath.Of(nameof(Signature)), S.ErrorSignature);
        }

        if (!Attest)
        {
            errors.Add(FieldPath.Of(nameof(Attest)), S.ErrorAttest);
        }

        var maxPressure = Level(MaxPressure, nameof(MaxPressure), 0, 5, S.ErrorMaxPressure, errors);
        var maxMinutes = Level(MaxMinutes, nameof(MaxMinutes), 10, 120, S.ErrorMaxMinutes, errors);
        var sites = SiteRestrictions(errors);

        var positions = new List<Position>();
        foreach (var text in AvoidPositions)
        {
            if (Enum.TryParse<Position>(text, ignoreCase: true, out var position) && Enum.IsDefined(position))
            {
                positions.Add(position);
            }
            else
            {
                errors.Add(FieldPath.Of(nameof(AvoidPositions)), S.ErrorPosition);
            }
        }

        var precautions = new List<Precaution>();
        foreach (var code in Precautions)
        {
            if (PrecautionCodes.TryParse(code, out var c))
            {
                precautions.Add(new Precaution(c.Value, null, null, null));
            }
            else
            {
                errors.Add(FieldPath.Of(nameof(Precautions)), S.ErrorPrecaution);
            }
        }

        var conditions = (Conditions ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var hasLimits = maxPressure is not null || maxMinutes is not null || sites.Count > 0 || positions.Count > 0 || conditions.Length > 0;
        if (outcome == ReleaseOutcome.ApprovedWithRestrictions && !hasLimits && precautions.Count == 0)
        {
            errors.Add(FieldPath.Of(nameof(Decision)), S.ErrorRestrictNeedsLimit);
        }

        if (outcome == ReleaseOutcome.Declined && Reason is null)
        {
            errors.Add(FieldPath.Of(nameof(Reason)), S.ErrorReason);
        }

        foreach (var (name, text) in new[] { (nameof(Conditions), Conditions), (nameof(Recommendations), Recommendations), (nameof(Reason), Reason), (nameof(PhysicianContact), PhysicianContact) })
        {
            if (text?.Length > 4000)
            {
                errors.Add(FieldPath.Of(name), S.ErrorTooLong);
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var limits = outcome == ReleaseOutcome.ApprovedWithRestrictions && hasLimits
            ? new MdRestrictions { MaxPressure = maxPressure, Sites = sites, AvoidPositions = positions, MaxSessionMinutes = maxMinutes, Conditions = conditions }
            : null;
        return (new ReleaseDecision(outcome!.Value, PhysicianName!, outcome == ReleaseOutcome.ApprovedWithRestrictions ? precautions : [],
            outcome == ReleaseOutcome.Declined ? Reason : null)
        {
            Limits = limits,
            Recommendations = Recommendations,
            PhysicianContact = PhysicianContact,
            DecidedAt = now,
        }, errors);
    }

    private static int? Level(string? text, string property, int min, int max, string message, FormErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(FieldPath.Of(property), message);
        return null;
    }

    private List<MdSiteRestriction> SiteRestrictions(FormErrors errors)
    {
        var sites = new List<MdSiteRestriction>();
        for (var i = 0; i < Sites.Count; i++)
        {
            var row = Sites[i];
            if (row.IsBlank)
            {
                continue;
            }

            if (!BodyRegions.TryParse(row.Region, out var region))
            {
                errors.Add(FieldPath.Of(nameof(Sites), i, nameof(SiteRow.Region)), S.ErrorSiteRegion);
                continue;
            }

            var side = row.Side is null ? BodySide.Unspecified : WireNames.TryParse<BodySide>(row.Side, out var s) ? s.Value : (BodySide?)null;
            int? pressure = row.Pressure is null or "none" ? null
                : int.TryParse(row.Pressure, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 5 ? p : -1;
            if (side is null)
            {
                errors.Add(FieldPath.Of(nameof(Sites), i, nameof(SiteRow.Side)), S.ErrorSiteLimit);
                continue;
            }

            if (pressure == -1)
            {
                errors.Add(FieldPath.Of(nameof(Sites), i, nameof(SiteRow.Pressure)), S.ErrorSiteLimit);
                continue;
            }

            sites.Add(new MdSiteRestriction(new BodySite(region.Value, side.Value), pressure));
        }

        return sites;
    }
}
