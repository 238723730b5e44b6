using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using OncologyMassage.Functions.Http.Access;

namespace OncologyMassage.LocalHost.Http;

/// <summary>
/// The local host's twin of the Functions app's <c>CallerGateMiddleware</c>: for an endpoint mapped from an HTTP function
/// (<see cref="FunctionRouteMapper"/> puts the function's <see cref="CallerRequirementAttribute"/> on it), the same
/// <see cref="CallerGate"/> decides before the function runs. Other endpoints (the development routes) pass untouched.
/// </summary>
public static class CallerGateEndpointMiddleware
{
    public static IApplicationBuilder UseCallerGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint() is not { } endpoint || endpoint.Metadata.GetMetadata<CallerRequirementAttribute>() is not { } requirement)
            {
                await next(context);
                return;
            }

            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? endpoint.DisplayName ?? "";
            var referralId = context.Request.RouteValues.TryGetValue(ReferralScopedAttribute.RouteValue, out var id) ? id?.ToString() : null;
            var refusal = await context.RequestServices.GetRequiredService<CallerGate>().AdmitAsync(context.Request, requirement, name, referralId, context.RequestAborted);
            if (refusal is not null)
            {
                await refusal.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                return;
            }

            await next(context);
        });
}
