using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Context.Features;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.DurableTask.Client;
using OncologyMassage.Workflow.Durable;

namespace OncologyMassage.Functions.Middleware;

/// <summary>
/// Gives Workflow the Durable Task client of the invocation (docs/decisions/0008-durable-client-port.md). In the Functions
/// app a client exists only per invocation, through a <c>[DurableClient]</c> binding; for a function that declares one,
/// this opens an invocation on <see cref="InvocationDurableClientSource"/> and, once the worker has bound the function's
/// inputs, hands it the bound client. Services then reach the engine through <c>IReferralWorkflowClient</c> and never
/// take the client as an argument. The client is taken after binding, not bound here: the Durable extension binds its
/// types at the end of the pipeline, and binding them earlier is not supported.
/// </summary>
public sealed class DurableClientMiddleware(InvocationDurableClientSource source) : IFunctionsWorkerMiddleware
{
    /// <summary>The binding type of <c>[DurableClient]</c> in the function metadata.</summary>
    public const string BindingType = "durableClient";

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!context.FunctionDefinition.InputBindings.Values.Any(b => string.Equals(b.Type, BindingType, StringComparison.OrdinalIgnoreCase))
            || context.Features.Get<IFunctionInputBindingFeature>() is not { } binding)
        {
            await next(context);
            return;
        }

        using var invocation = source.Begin();
        context.Features.Set<IFunctionInputBindingFeature>(new ClientTakingBinding(binding, invocation));
        await next(context);
    }

    /// <summary>The worker's own input binding, which then gives the bound client to the invocation.</summary>
    private sealed class ClientTakingBinding(IFunctionInputBindingFeature inner, InvocationDurableClientSource.Invocation invocation) : IFunctionInputBindingFeature
    {
        public async ValueTask<FunctionInputBindingResult> BindFunctionInputAsync(FunctionContext context)
        {
            var result = await inner.BindFunctionInputAsync(context);
            if (result.Values.OfType<DurableTaskClient>().FirstOrDefault() is { } client)
            {
                invocation.Use(client);
            }

            return result;
        }
    }
}
