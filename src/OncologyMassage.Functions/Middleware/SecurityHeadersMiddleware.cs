using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using OncologyMassage.Functions.Http;

namespace OncologyMassage.Functions.Middleware;

/// <summary>Adds <see cref="SecurityHeaders"/> to every HTTP response of the Functions app.</summary>
public sealed class SecurityHeadersMiddleware : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is { } http)
        {
            SecurityHeaders.Apply(http);
        }

        return next(context);
    }
}
