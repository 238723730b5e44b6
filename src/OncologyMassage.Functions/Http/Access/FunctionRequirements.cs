using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace OncologyMassage.Functions.Http.Access;

/// <summary>The HTTP functions of an assembly, by function name, with the caller requirement each declares (null where none is).</summary>
public static class FunctionRequirements
{
    public static IReadOnlyDictionary<string, CallerRequirementAttribute?> Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null && IsHttp(m))
            .ToDictionary(m => m.GetCustomAttribute<FunctionAttribute>()!.Name, m => m.GetCustomAttribute<CallerRequirementAttribute>(), StringComparer.Ordinal);
    }

    /// <summary>Whether the method is triggered by HTTP (a parameter carries [HttpTrigger]).</summary>
    public static bool IsHttp(MethodInfo method) =>
        method?.GetParameters().Any(p => p.GetCustomAttribute<HttpTriggerAttribute>() is not null) ?? throw new ArgumentNullException(nameof(method));
}
