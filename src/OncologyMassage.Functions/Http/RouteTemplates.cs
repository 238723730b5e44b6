using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// What logs and telemetry say instead of a request's path: the route template it matched ("api/intake/{token}"), so a
/// signed-link token or a referral id in the path never reaches a log line. Matched against <see cref="ApiRoutes"/> with
/// the host's route prefix, the same in both hosts; a path that matches no route is "(unmatched)", never echoed.
/// </summary>
public static class RouteTemplates
{
    /// <summary>The route prefix both hosts use (host.json <c>extensions.http.routePrefix</c>).</summary>
    public const string Prefix = "api";

    public const string Unmatched = "(unmatched)";

    /// <summary>Routes whose parameters are bearer tokens (signed links): their values are secrets.</summary>
    public static IReadOnlyList<string> TokenRoutes { get; } =
        [ApiRoutes.ReleaseForm, ApiRoutes.MdQuestionForm, ApiRoutes.IntakeForm, ApiRoutes.ConsentForm, ApiRoutes.ConsentWithdrawal, ApiRoutes.SurveyForm, ApiRoutes.CareTeamSummary];

    private static readonly (string Template, TemplateMatcher Matcher)[] Routes = typeof(ApiRoutes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
        .Select(f => Prefix + "/" + (string)f.GetRawConstantValue()!)
        // Literal segments first, so "referrals/{id}/timeline" is not taken for a catch-all or a shorter route.
        .OrderByDescending(t => t.Split('/').Count(s => !s.StartsWith('{')))
        .ThenByDescending(t => t.Split('/').Length)
        .Select(t => (t, new TemplateMatcher(TemplateParser.Parse(t), new RouteValueDictionary())))
        .ToArray();

    /// <summary>The template of the route <paramref name="request"/> was sent to (the endpoint's own pattern where the host has one).</summary>
    public static string Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.HttpContext.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern }
            ? pattern.TrimStart('/')
            : Of(request.Path);
    }

    /// <summary>The template a path matches, or <see cref="Unmatched"/>.</summary>
    public static string Of(PathString path)
    {
        foreach (var (template, matcher) in Routes)
        {
            if (matcher.TryMatch(path, new RouteValueDictionary()))
            {
                return template;
            }
        }

        return Unmatched;
    }

    /// <summary>
    /// <paramref name="url"/> (absolute or a path, with any query) with the token of a signed-link route replaced by
    /// "{token}" and the query dropped; any other URL unchanged.
    /// </summary>
    public static string RedactTokens(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var absolute = Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
        var path = absolute ? uri!.AbsolutePath : url.Split('?', '#')[0];
        var template = Of(new PathString(path.StartsWith('/') ? path : "/" + path));
        if (!TokenRoutes.Any(r => template == Prefix + "/" + r))
        {
            return url;
        }

        var redacted = "/" + template;
        return absolute ? uri!.GetLeftPart(UriPartial.Authority) + redacted : redacted;
    }
}
