using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using OncologyMassage.Functions.Http;

namespace OncologyMassage.Functions.Telemetry;

/// <summary>
/// Keeps signed-link tokens out of Application Insights: for the release, md-question, intake, consent, survey and
/// summary routes, the <c>{token}</c> segment of a request's URL and name, of the operation name, and of any property
/// holding a path or URL is replaced by the literal "{token}" (and the query dropped). Anyone who can read the telemetry
/// could otherwise open the form or the care-team summary behind the link.
/// </summary>
public sealed class TokenRedactingTelemetryInitializer : ITelemetryInitializer
{
    public void Initialize(ITelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        if (telemetry is RequestTelemetry request)
        {
            if (request.Url is { } url)
            {
                var redacted = RouteTemplates.RedactTokens(url.ToString());
                if (!string.Equals(redacted, url.ToString(), StringComparison.Ordinal))
                {
                    request.Url = new Uri(redacted, UriKind.RelativeOrAbsolute);
                }
            }

            request.Name = RedactName(request.Name);
        }

        if (telemetry.Context?.Operation is { Name: { } operation } context)
        {
            context.Name = RedactName(operation);
        }

        if (telemetry is ISupportProperties { Properties: { } properties })
        {
            foreach (var (key, value) in properties.ToArray())
            {
                if (value is not null && (value.StartsWith('/') || value.StartsWith("http", StringComparison.OrdinalIgnoreCase) || value.StartsWith("api/", StringComparison.Ordinal)))
                {
                    properties[key] = RouteTemplates.RedactTokens(value);
                }
            }
        }
    }

    /// <summary>A request name is a function name, a path, or "VERB path" ("POST /api/intake/abc…"): the path part is redacted.</summary>
    internal static string? RedactName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return name;
        }

        var space = name.IndexOf(' ', StringComparison.Ordinal);
        return space < 0
            ? RouteTemplates.RedactTokens(name)
            : name[..(space + 1)] + RouteTemplates.RedactTokens(name[(space + 1)..]);
    }
}
