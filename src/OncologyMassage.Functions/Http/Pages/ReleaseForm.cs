using System.Globalization;
using Microsoft.AspNetCore.Http;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Workflow.Orchestrations;

namespace OncologyMassage.Functions.Http.Pages;

/// <summary>The MD release form as posted (application/x-www-form-urlencoded), and its validation into a <see cref="ReleaseDecision"/>.</summary>
public sealed record ReleaseForm(
    string? Decision,
    string? MaxPressure,
    IReadOnlyList<(string? Region, string? Side, string? Pressure)> Sites,
    IReadOnlyList<string> AvoidPositions,
    string? MaxMinutes,
    IReadOnlyList<string> Precautions,
    string? Conditions,
    string? Recommendations,
    string? Reason,
    string? PhysicianName,
    string? PhysicianContact,
    string? Signature,
    bool Attested)
{
    public const int SiteRows = 3;

    public static ReleaseForm Empty { get; } = new(null, null, [], [], null, [], null, null, null, null, null, null, false);

    public static ReleaseForm Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        string? One(string name) => form.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        return new ReleaseForm(
            One("decision"),
            One("maxPressure"),
            Enumerable.Range(0, SiteRows).Select(i => (One($"site{i}Region"), One($"site{i}Side"), One($"site{i}Pressure"))).ToArray(),
            form["avoidPosition"].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToArray(),
            One("maxMinutes"),
            form["precaution"].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToArray(),
            One("conditions"),
            One("recommendations"),
            One("reason"),
            One("physicianName"),
            One("physicianContact"),
            One("signature"),
            One("attest") is not null);
    }

    /// <summary>Validates the form; returns the decision, or the errors keyed by field name.</summary>
    public (ReleaseDecision? Decision, IReadOnlyDictionary<string, string[]> Errors) Validate(DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];

        var outcome = Decision switch
        {
            "approve" => ReleaseOutcome.Approved,
            "restrict" => ReleaseOutcome.ApprovedWithRestrictions,
            "decline" => ReleaseOutcome.Declined,
            _ => (ReleaseOutcome?)null,
        };
        if (outcome is null)
        {
            Error("decision", "Choose one: no contraindications, modify as follows, or not advisable.");
        }

        if (PhysicianName is null || PhysicianName.Length > 200)
        {
            Error("physicianName", "Enter your name (up to 200 characters).");
        }

        if (Signature is null || !string.Equals(Signature, PhysicianName, StringComparison.OrdinalIgnoreCase))
        {
            Error("signature", "Type your full name exactly as above to sign.");
        }

        if (!Attested)
        {
            Error("attest", "Confirm that you are the client's treating physician or their delegate.");
        }

        int? maxPressure = null;
        if (MaxPressure is not null)
        {
            if (int.TryParse(MaxPressure, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 5)
            {
                maxPressure = p;
            }
            else
            {
                Error("maxPressure", "Maximum pressure is a Walton level from 0 to 5.");
            }
        }

        int? maxMinutes = null;
        if (MaxMinutes is not null)
        {
            if (int.TryParse(MaxMinutes, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 10 and <= 120)
            {
                maxMinutes = m;
            }
            else
            {
                Error("maxMinutes", "Session length is between 10 and 120 minutes.");
            }
        }

        var sites = new List<MdSiteRestriction>();
        for (var i = 0; i < Sites.Count; i++)
        {
            var (region, side, pressure) = Sites[i];
            if (region is null && side is null && pressure is null)
            {
                continue;
            }

            if (!BodyRegions.TryParse(region, out var r))
            {
                Error($"site{i}Region", "Choose a body region for this site restriction.");
                continue;
            }

            var bodySide = side is null ? BodySide.Unspecified : WireNames.TryParse<BodySide>(side, out var s) ? s.Value : (BodySide?)null;
            int? sitePressure = pressure is null or "none" ? null
                : int.TryParse(pressure, NumberStyles.None, CultureInfo.InvariantCulture, out var sp) && sp is >= 0 and <= 5 ? sp : -1;
            if (bodySide is null || sitePressure == -1)
            {
                Error($"site{i}Region", "Choose the side and either \"no contact\" or a Walton level 0–5.");
                continue;
            }

            sites.Add(new MdSiteRestriction(new BodySite(r.Value, bodySide.Value), sitePressure));
        }

        var positions = new List<Position>();
        foreach (var text in AvoidPositions)
        {
            if (Enum.TryParse<Position>(text, ignoreCase: true, out var position) && Enum.IsDefined(position))
            {
                positions.Add(position);
            }
            else
            {
                Error("avoidPosition", "Unknown position.");
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
                Error("precaution", "Unknown precaution code.");
            }
        }

        var conditions = (Conditions ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var hasLimits = maxPressure is not null || maxMinutes is not null || sites.Count > 0 || positions.Count > 0 || conditions.Length > 0;
        if (outcome == ReleaseOutcome.ApprovedWithRestrictions && !hasLimits && precautions.Count == 0)
        {
            Error("decision", "\"Modify as follows\" needs at least one restriction: a pressure limit, a site, a position, a session length, a precaution or a condition.");
        }

        if (outcome == ReleaseOutcome.Declined && Reason is null)
        {
            Error("reason", "Give the reason massage is not advisable now, so the venue can tell the client and plan what is possible.");
        }

        if (new[] { Conditions, Recommendations, Reason, PhysicianContact }.Any(t => t?.Length > 4000))
        {
            Error("recommendations", "Free-text fields hold up to 4,000 characters.");
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
}
