using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using OncologyMassage.Functions.Http.Access;

namespace OncologyMassage.Functions.Middleware;

/// <summary>
/// Runs <see cref="CallerGate"/> before every HTTP function of the Functions app, from the requirement the function
/// declares; a refusal is written as the response and the function does not run. An HTTP function that declares no
/// requirement is refused too (fail closed; a test keeps that from happening).
/// </summary>
public sealed class CallerGateMiddleware(CallerGate gate) : IFunctionsWorkerMiddleware
{
    private static readonly IReadOnlyDictionary<string, CallerRequirementAttribute?> Requirements = FunctionRequirements.Of(typeof(CallerGateMiddleware).Assembly);

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is not { } http)
        {
            await next(context); // not an HTTP function (orchestration, activity, timer)
            return;
        }

        var name = context.FunctionDefinition.Name;
        var requirement = Requirements.GetValueOrDefault(name)
            ?? throw new InvalidOperationException($"HTTP function {name} declares no caller requirement.");
        var referralId = context.BindingContext.BindingData.TryGetValue(ReferralScopedAttribute.RouteValue, out var id) && id is not null
            ? id.ToString()
            : http.Request.RouteValues[ReferralScopedAttribute.RouteValue]?.ToString();
        if (await gate.AdmitAsync(http.Request, requirement, name, referralId, context.CancellationToken) is { } refusal)
        {
            await refusal.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
            return;
        }

        await next(context);
    }
}
