namespace OncologyMassage.Functions.Http.Access;

/// <summary>
/// Who may call an HTTP function, declared on the function itself. <see cref="CallerGate"/> reads it in both hosts (the
/// Functions worker's <c>CallerGateMiddleware</c>, the local host's endpoint middleware) and refuses before the function
/// runs; an admitted function reads the caller with <see cref="RequestCallers"/>. Every HTTP function declares exactly one
/// (a test checks it), so a new one cannot forget.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public abstract class CallerRequirementAttribute : Attribute;

/// <summary>
/// A referring practice, by its <c>X-Api-Key</c> only (<see cref="PracticeAuthentication"/>): no key or an unknown key is
/// 401; a wrong key counts against the client's failed-authentication budget (429 once spent).
/// </summary>
public sealed class PracticeKeyAttribute : CallerRequirementAttribute;

/// <summary>
/// A practice (<c>X-Api-Key</c>) or a signed-in coordinator (<see cref="CallerAuthentication"/>): 401 without either, 503
/// when coordinator sign-in is switched off, 403/415 for a coordinator's cross-site or non-JSON unsafe request, 429 over
/// the failed-authentication budget.
/// </summary>
public sealed class SignedInAttribute : CallerRequirementAttribute;

/// <summary>As <see cref="SignedInAttribute"/>, and then 403 for a practice: a venue coordinator's view or action.</summary>
public sealed class CoordinatorsOnlyAttribute : CallerRequirementAttribute;

/// <summary>
/// One referral, named by the route's <c>{id}</c> (<see cref="ReferralScope"/>): as <see cref="SignedInAttribute"/>, then
/// the same 404 for an id that is malformed, unknown or outside the caller's scope (a practice: its own; a coordinator:
/// their venues), then, with <see cref="CoordinatorsOnly"/>, 403 for a practice on its own referral. An admitted call is
/// audited (who, which function, when) before the function runs.
/// </summary>
public sealed class ReferralScopedAttribute : CallerRequirementAttribute
{
    /// <summary>The route value that holds the referral id.</summary>
    public const string RouteValue = "id";

    /// <summary>Practices are refused (403) after the scope check, so they learn nothing about others' referrals.</summary>
    public bool CoordinatorsOnly { get; init; }
}

/// <summary>
/// Anyone holding a signed link: the function checks the link's token itself (signature, expiry, purpose, single use),
/// because the token is the whole credential and the form's answer depends on what it names.
/// </summary>
public sealed class SignedLinkAttribute : CallerRequirementAttribute;

/// <summary>
/// No caller identity: public files, or a vendor's webhook that the function verifies by the vendor's own signature.
/// <paramref name="why"/> says which, for the reader and the reviewer.
/// </summary>
public sealed class AnonymousAttribute(string why) : CallerRequirementAttribute
{
    public string Why { get; } = why;
}
