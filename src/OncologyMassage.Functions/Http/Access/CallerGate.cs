using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using OncologyMassage.Workflow.Access;

namespace OncologyMassage.Functions.Http.Access;

/// <summary>
/// The one decision, for both hosts, of whether a call may reach its HTTP function: from the function's declared
/// <see cref="CallerRequirementAttribute"/>, with the same authentication, failed-authentication limiter, cross-site
/// guard, scope check, audit entry, problem details and security-event logs as the functions ran themselves before.
/// Admitted, what it found is on the request (<see cref="RequestCallers"/>); refused, the function never runs and nothing
/// is written but the audit of refusals the limiter keeps.
/// </summary>
public sealed class CallerGate(PracticeAuthentication practices, CallerAuthentication callers, ReferralScope scope)
{
    /// <summary>Null when the call may go on; otherwise the refusal to send instead of running the function.</summary>
    /// <param name="request">The call.</param>
    /// <param name="requirement">The function's declared requirement.</param>
    /// <param name="functionName">The function's name: the action an admitted referral access is audited as.</param>
    /// <param name="referralId">The route's <c>{id}</c>, for <see cref="ReferralScopedAttribute"/>.</param>
    /// <param name="cancellationToken">The call's cancellation.</param>
    public async Task<IActionResult?> AdmitAsync(
        HttpRequest request, CallerRequirementAttribute requirement, string functionName, string? referralId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(requirement);
        switch (requirement)
        {
            case PracticeKeyAttribute:
            {
                var (practice, refusal) = await practices.AuthenticateAsync(request, cancellationToken);
                if (practice is null)
                {
                    return refusal;
                }

                RequestCallers.Admit(request, new PracticeCaller(practice.Id, practice.Name), practice);
                return null;
            }

            case SignedInAttribute or CoordinatorsOnlyAttribute:
            {
                var (caller, refusal) = await callers.AuthenticateAsync(request, cancellationToken);
                if (caller is null)
                {
                    return refusal;
                }

                if (requirement is CoordinatorsOnlyAttribute && caller is not CoordinatorCaller)
                {
                    return CoordinatorProblems.CoordinatorsOnly(request);
                }

                RequestCallers.Admit(request, caller);
                return null;
            }

            case ReferralScopedAttribute scoped:
            {
                var found = await scope.FindAsync(request, referralId ?? "", functionName, cancellationToken, scoped.CoordinatorsOnly);
                if (found.Record is null)
                {
                    return found.Refusal;
                }

                RequestCallers.Admit(request, found.Caller!, referral: found.Record);
                return null;
            }

            case SignedLinkAttribute or AnonymousAttribute:
                return null; // the function checks the link's token or the vendor's signature itself

            default:
                throw new InvalidOperationException($"{functionName} declares {requirement.GetType().Name}, which the gate does not know.");
        }
    }
}
