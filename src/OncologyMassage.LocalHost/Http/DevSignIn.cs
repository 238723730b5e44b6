using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OncologyMassage.Functions.Http;
using OncologyMassage.Workflow.Access;

namespace OncologyMassage.LocalHost.Http;

/// <summary>
/// Development sign-in for coordinators, in the local host only (the Functions app has no such route: in Azure,
/// coordinators sign in with Entra ID through App Service authentication). A signed-in coordinator holds an HttpOnly,
/// SameSite=Strict cookie "{id}.{expiry}.{HMAC}" signed with the local link-signing key.
/// </summary>
public static class DevSignIn
{
    public const string CookieName = "om_dev_coordinator";

    /// <summary>Demo coordinators, one per demo venue (the venues themselves are seeded with the venue data).</summary>
    public static IReadOnlyList<Coordinator> DemoCoordinators { get; } =
    [
        new("coord-harbor", "Hana Reyes (Harbor Infusion Center)", "hana.reyes@harbor.example", ["harbor-infusion-center"]),
        new("coord-willow", "Liam Okafor (Willow Spa Retreat)", "liam.okafor@willow.example", ["willow-spa-retreat"]),
    ];

    public static async Task SeedDemoCoordinatorsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var store = services.GetRequiredService<ICoordinatorStore>();
        foreach (var coordinator in DemoCoordinators)
        {
            await store.UpsertAsync(coordinator, cancellationToken);
        }
    }

    /// <summary>POST {prefix}/dev/sign-in, GET {prefix}/dev/coordinators, POST {prefix}/dev/sign-out.</summary>
    public static void MapDevSignIn(this WebApplication app, string routePrefix)
    {
        ArgumentNullException.ThrowIfNull(app);
        var prefix = "/" + routePrefix.Trim('/') + "/dev";

        app.MapGet(prefix + "/coordinators", async (ICoordinatorStore store, CancellationToken ct) =>
            Results.Ok((await store.ListAsync(ct)).Select(c => new { c.Id, c.Name, c.Email, c.VenueIds })));

        app.MapPost(prefix + "/sign-in", async (HttpContext context, ICoordinatorStore store, DevSessionCookie cookie, CrossSiteRequestGuard crossSite, CancellationToken ct) =>
        {
            // No login CSRF: a foreign page must not sign the browser in as someone else (403/415 as for every action).
            if (crossSite.Check(context.Request) is { } refusal)
            {
                return AsResult(refusal);
            }

            var (body, problem) = await JsonBody.ReadAsync<SignInRequest>(context.Request, null, ct);
            if (problem is { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return AsResult(problem);
            }

            var coordinator = body?.CoordinatorId is { Length: > 0 and <= 100 } id ? await store.GetAsync(id, ct) : null;
            if (coordinator is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.",
                    detail: $"No such coordinator: see GET {prefix}/coordinators.", type: "https://oncologymassage.dev/problems/not-found");
            }

            context.Response.Cookies.Append(CookieName, cookie.Issue(coordinator.Id), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                Path = "/",
                MaxAge = DevSessionCookie.Lifetime,
            });
            return Results.Ok(new { coordinator.Id, coordinator.Name, Kind = "coordinator", coordinator.VenueIds });
        });

        app.MapPost(prefix + "/sign-out", async (HttpContext context, CrossSiteRequestGuard crossSite, CancellationToken ct) =>
        {
            if (crossSite.Check(context.Request) is { } refusal)
            {
                return AsResult(refusal);
            }

            if ((await BoundedBody.ReadAsync(context.Request, JsonBody.MaxBytes, ct)).Problem is { } tooLarge)
            {
                return AsResult(tooLarge);
            }

            context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
            return Results.NoContent();
        });
    }

    private static IResult AsResult(ApiResult problem) =>
        Results.Json(problem.Body, ApiJson.Options, "application/problem+json", problem.StatusCode);

    private sealed record SignInRequest(string? CoordinatorId);
}

/// <summary>Issues and checks the development sign-in cookie (HMAC-SHA256 with a key derived from the link-signing key).</summary>
public sealed class DevSessionCookie(IOptions<OncologyMassage.Workflow.Options.LinkOptions> links, TimeProvider clock) : ICoordinatorSessionReader
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public string Issue(string coordinatorId)
    {
        ArgumentException.ThrowIfNullOrEmpty(coordinatorId);
        var payload = $"{coordinatorId}.{(clock.GetUtcNow() + Lifetime).ToUnixTimeSeconds()}";
        return payload + "." + Sign(payload);
    }

    public string? ReadCoordinatorId(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Cookies.TryGetValue(DevSignIn.CookieName, out var value) || string.IsNullOrEmpty(value) || value.Length > 512)
        {
            return null;
        }

        var signatureAt = value.LastIndexOf('.');
        var expiryAt = signatureAt <= 0 ? -1 : value.LastIndexOf('.', signatureAt - 1);
        if (expiryAt <= 0)
        {
            return null;
        }

        var payload = value[..signatureAt];
        var expected = Encoding.ASCII.GetBytes(Sign(payload));
        var given = Encoding.ASCII.GetBytes(value[(signatureAt + 1)..]);
        if (!CryptographicOperations.FixedTimeEquals(expected, given)
            || !long.TryParse(value[(expiryAt + 1)..signatureAt], out var expiry)
            || DateTimeOffset.FromUnixTimeSeconds(expiry) <= clock.GetUtcNow())
        {
            return null;
        }

        return value[..expiryAt];
    }

    private string Sign(string payload)
    {
        // A key of its own, derived from the link-signing key: a cookie can never pass for a link signature or back.
        var key = HMACSHA256.HashData(Convert.FromBase64String(links.Value.SigningKey), "om-dev-sign-in"u8);
        return Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
