using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using OncologyMassage.Functions.Http;
using OncologyMassage.Functions.Http.Access;

namespace OncologyMassage.LocalHost.Http;

/// <summary>
/// Maps the Functions app's HTTP functions onto the local host's routes, straight from their [Function] and [HttpTrigger]
/// attributes, with the route prefix read from host.json. Routes and handlers are therefore written once, in the
/// Functions project, and both hosts serve the same surface.
/// </summary>
public static class FunctionRouteMapper
{
    /// <summary>An HTTP function found in an assembly: its name, methods, and full route (prefix included).</summary>
    public sealed record HttpFunction(string Name, IReadOnlyList<string> Methods, string Route, MethodInfo Method);

    public static IReadOnlyList<HttpFunction> Discover(Assembly functionsAssembly, string routePrefix)
    {
        ArgumentNullException.ThrowIfNull(functionsAssembly);
        return functionsAssembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>(),
                Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Function is not null && x.Trigger is not null)
            .Select(x => new HttpFunction(x.Function!.Name, x.Trigger!.Methods ?? ["get", "post"],
                "/" + string.Join('/', new[] { routePrefix.Trim('/'), (x.Trigger.Route ?? x.Function.Name).Trim('/') }.Where(s => s.Length > 0)),
                x.Method))
            .OrderBy(f => f.Route, StringComparer.Ordinal).ThenBy(f => string.Join(',', f.Methods), StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The route prefix from host.json (<c>extensions.http.routePrefix</c>), "api" when not set, as in Functions.</summary>
    public static string ReadRoutePrefix(string hostJsonPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(hostJsonPath));
        return doc.RootElement.TryGetProperty("extensions", out var ext) && ext.TryGetProperty("http", out var http)
            && http.TryGetProperty("routePrefix", out var prefix) ? prefix.GetString() ?? "" : "api";
    }

    public static IReadOnlyList<HttpFunction> MapHttpFunctions(this WebApplication app, Assembly functionsAssembly, string routePrefix)
    {
        ArgumentNullException.ThrowIfNull(app);
        var functions = Discover(functionsAssembly, routePrefix);
        foreach (var function in functions)
        {
            var invoke = CreateInvoker(function);
            var requirement = function.Method.GetCustomAttribute<CallerRequirementAttribute>()
                ?? throw new InvalidOperationException($"HTTP function {function.Name} declares no caller requirement: it would not be served.");
            app.MapMethods(function.Route, function.Methods.Select(m => m.ToUpperInvariant()), invoke).WithName(function.Name).WithMetadata(requirement);
        }

        return functions;
    }

    private static RequestDelegate CreateInvoker(HttpFunction function)
    {
        var method = function.Method;
        var parameters = method.GetParameters();
        var binders = parameters.Select(CreateBinder).ToArray();
        if (!typeof(Task<IActionResult>).IsAssignableFrom(method.ReturnType))
        {
            throw new InvalidOperationException($"HTTP function {function.Name} must return Task<IActionResult> to run in both hosts.");
        }

        return async context =>
        {
            IActionResult result;
            try
            {
                var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(context.RequestServices, method.DeclaringType!);
                var args = binders.Select(bind => bind(context)).ToArray();
                result = await (Task<IActionResult>)method.Invoke(target, args)!;
            }
            catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
            {
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(function.Method.DeclaringType!.FullName!);
                result = UnexpectedFailures.ToProblem(context.Request, ex is TargetInvocationException { InnerException: { } inner } ? inner : ex, logger);
            }

            await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
        };
    }

    private static Func<HttpContext, object?> CreateBinder(ParameterInfo parameter)
    {
        if (parameter.ParameterType == typeof(HttpRequest))
        {
            return c => c.Request;
        }

        if (parameter.ParameterType == typeof(DurableTaskClient))
        {
            return c => c.RequestServices.GetRequiredService<DurableTaskClient>();
        }

        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return c => c.RequestAborted;
        }

        if (parameter.ParameterType == typeof(string))
        {
            var name = parameter.Name!;
            return c => c.Request.RouteValues.TryGetValue(name, out var value) ? value?.ToString() : c.Request.Query[name].ToString();
        }

        throw new InvalidOperationException(
            $"Parameter {parameter.Name} of {parameter.Member.DeclaringType?.Name}.{parameter.Member.Name} has a type the local host cannot bind ({parameter.ParameterType.Name}).");
    }
}
