using Microsoft.AspNetCore.Http;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Functions.Http.Access;

/// <summary>
/// What <see cref="CallerGate"/> admitted, kept on the request (<c>HttpContext.Items</c>, the same in both hosts), for
/// the function to read instead of authenticating again. Reading what the function's declared requirement does not
/// provide is a programming error, not a refusal: it throws.
/// </summary>
public static class RequestCallers
{
    private static readonly object CallerKey = new();
    private static readonly object PracticeKey = new();
    private static readonly object ReferralKey = new();

    /// <summary>The practice or coordinator admitted by [SignedIn], [CoordinatorsOnly], [ReferralScoped] or [PracticeKey].</summary>
    public static Caller Caller(this HttpRequest request) => Get<Caller>(request, CallerKey, "a caller");

    /// <summary>The coordinator admitted by [CoordinatorsOnly] or [ReferralScoped(CoordinatorsOnly = true)].</summary>
    public static CoordinatorCaller Coordinator(this HttpRequest request) =>
        request.Caller() as CoordinatorCaller ?? throw new InvalidOperationException("The function's requirement admits callers that are not coordinators.");

    /// <summary>The practice admitted by [PracticeKey].</summary>
    public static Practice Practice(this HttpRequest request) => Get<Practice>(request, PracticeKey, "a practice");

    /// <summary>The referral admitted (in scope, audited) by [ReferralScoped].</summary>
    public static ReferralRecord Referral(this HttpRequest request) => Get<ReferralRecord>(request, ReferralKey, "a referral");

    internal static void Admit(HttpRequest request, Caller caller, Practice? practice = null, ReferralRecord? referral = null)
    {
        var items = request.HttpContext.Items;
        items[CallerKey] = caller;
        if (practice is not null)
        {
            items[PracticeKey] = practice;
        }

        if (referral is not null)
        {
            items[ReferralKey] = referral;
        }
    }

    private static T Get<T>(HttpRequest request, object key, string what)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.HttpContext.Items.TryGetValue(key, out var value) && value is T found
            ? found
            : throw new InvalidOperationException($"No {what} was admitted for this request: does the function declare the requirement that provides it?");
    }
}
