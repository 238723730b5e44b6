using Microsoft.AspNetCore.Http;
using OncologyMassage.Workflow.Access;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// Who is calling: a referring practice identified by its <c>X-Api-Key</c>. No key or an unknown key is a 401 that
/// writes nothing and reads nothing; a wrong key counts against the client's budget (<see cref="FailedAuthenticationLimiter"/>).
/// </summary>
public sealed class PracticeAuthentication(IPracticeKeyStore keys, FailedAuthenticationLimiter limiter)
{
    public async Task<(Practice? Practice, ApiResult? Refusal)> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (limiter.Refusal(request, AuthenticationKind.PracticeKey) is { } throttled)
        {
            return (null, throttled);
        }

        var key = request.Headers[PracticeKeys.Header].ToString();
        var practice = key.Length == 0 ? null : await keys.FindAsync(key, cancellationToken);
        if (practice is null && key.Length > 0 && limiter.RecordFailure(request, AuthenticationKind.PracticeKey) is { } overLimit)
        {
            return (null, overLimit);
        }

        return practice is not null
            ? (practice, null)
            : (null, Problems.Create(request, StatusCodes.Status401Unauthorized, "unauthorized", "A practice API key is required.",
                    $"Send your practice's key in the {PracticeKeys.Header} header. Ask the clinic for one if you have none.")
                .WithHeader("WWW-Authenticate", $"ApiKey header=\"{PracticeKeys.Header}\""));
    }
}
