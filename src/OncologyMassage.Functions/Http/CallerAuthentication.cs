using Microsoft.AspNetCore.Http;
using OncologyMassage.Workflow.Access;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// Who is calling, for every endpoint that is not public: a practice by its <c>X-Api-Key</c>; a coordinator by the
/// Entra ID object id App Service authentication forwards (only when <see cref="AppServicePrincipalTrust.Trusted"/>),
/// or by a local sign-in session (<see cref="ICoordinatorSessionReader"/>, registered by the local host only).
/// Anything else is a 401 problem that reads and writes nothing. When the trust was asked for but refused (App Service
/// authentication is off), every caller without a practice key gets a 503 problem and nothing is read.
/// </summary>
public sealed class CallerAuthentication(
    IPracticeKeyStore keys,
    ICoordinatorStore coordinators,
    AppServicePrincipalTrust trust,
    IEnumerable<ICoordinatorSessionReader> sessions,
    CrossSiteRequestGuard crossSite,
    FailedAuthenticationLimiter limiter)
{
    public async Task<(Caller? Caller, ApiResult? Refusal)> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (limiter.Refusal(request, AuthenticationKind.PracticeKey) is { } throttled)
        {
            return (null, throttled);
        }

        if (trust.Refused && request.Headers[PracticeKeys.Header].ToString().Length == 0)
        {
            return (null, Problems.Create(request, StatusCodes.Status503ServiceUnavailable, "coordinator-sign-in-unavailable",
                "Coordinator sign-in is switched off.",
                "This deployment is set to trust App Service authentication, but App Service authentication is not on. An administrator must turn it on."));
        }

        var caller = await FindAsync(request, cancellationToken);
        if (caller is CoordinatorCaller && crossSite.Check(request) is { } crossSiteRefusal)
        {
            // A coordinator is only ever identified by something the browser sends on its own (a session): no cross-site actions.
            return (null, crossSiteRefusal);
        }

        if (caller is null && request.Headers[PracticeKeys.Header].ToString().Length > 0
            && limiter.RecordFailure(request, AuthenticationKind.PracticeKey) is { } overLimit)
        {
            return (null, overLimit);
        }

        return caller is not null
            ? (caller, null)
            : (null, Problems.Create(request, StatusCodes.Status401Unauthorized, "unauthorized", "Sign-in required.",
                    $"Coordinators sign in with their organisation account; referring practices send their key in the {PracticeKeys.Header} header.")
                .WithHeader("WWW-Authenticate", $"ApiKey header=\"{PracticeKeys.Header}\""));
    }

    private async Task<Caller?> FindAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var key = request.Headers[PracticeKeys.Header].ToString();
        if (key.Length > 0)
        {
            // A key that is sent must be valid: no falling through to another identity.
            return await keys.FindAsync(key, cancellationToken) is { } practice ? new PracticeCaller(practice.Id, practice.Name) : null;
        }

        if (trust.Trusted && request.Headers.TryGetValue(ClientPrincipal.Header, out var header))
        {
            // Object id only: the e-mail claim never identifies a coordinator (it is bound once, by the admin command).
            return ClientPrincipal.TryParse(header.ToString()) is { ObjectId: { } objectId } && Guid.TryParse(objectId, out var oid)
                ? (await coordinators.FindByObjectIdAsync(oid.ToString("D"), cancellationToken))?.ToCaller()
                : null;
        }

        foreach (var session in sessions)
        {
            if (session.ReadCoordinatorId(request) is { } coordinatorId)
            {
                return (await coordinators.GetAsync(coordinatorId, cancellationToken))?.ToCaller();
            }
        }

        return null;
    }
}

/// <summary>
/// A host-specific coordinator session (the local host's development sign-in cookie). The Functions app registers
/// none: in Azure, coordinators are identified by App Service authentication only.
/// </summary>
public interface ICoordinatorSessionReader
{
    /// <summary>The signed-in coordinator's id, or null when the request carries no valid session.</summary>
    string? ReadCoordinatorId(HttpRequest request);
}
