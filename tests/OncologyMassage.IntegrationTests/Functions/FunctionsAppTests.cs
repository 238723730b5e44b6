using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using OncologyMassage.Functions.Http;
using OncologyMassage.LocalHost.Azurite;
using OncologyMassage.LocalHost.Http;
using OncologyMassage.Workflow;
using OncologyMassage.Workflow.Activities;

namespace OncologyMassage.IntegrationTests.Functions;

/// <summary>The Functions app wraps exactly the workflow's registered classes, and its build lists every function.</summary>
public sealed class FunctionsAppTests
{
    private static readonly Assembly FunctionsAssembly = typeof(ReferralFunctions).Assembly;
    private static readonly Assembly WorkflowAssembly = typeof(WorkflowRegistry).Assembly;

    private static IEnumerable<(string Name, MethodInfo Method)> Functions() => FunctionsAssembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
        .Select(m => (Attribute: m.GetCustomAttribute<FunctionAttribute>(), Method: m))
        .Where(x => x.Attribute is not null)
        .Select(x => (x.Attribute!.Name, x.Method));

    private static bool HasTrigger<TTrigger>(MethodInfo method)
        where TTrigger : Attribute => method.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null);

    [Fact]
    public void Registry_ListsEveryOrchestratorAndActivityClassInTheWorkflowAssembly()
    {
        var orchestrators = WorkflowAssembly.GetTypes().Where(t => !t.IsAbstract && typeof(ITaskOrchestrator).IsAssignableFrom(t)).Select(t => t.Name);
        var activities = WorkflowAssembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IActivity<,>)))
            .Select(t => t.Name);

        Assert.Equal(orchestrators.Order(), WorkflowRegistry.Orchestrators.Select(o => o.Name).Order());
        Assert.Equal(activities.Order(), WorkflowRegistry.Activities.Select(a => a.Name).Order());
    }

    [Fact]
    public void EveryRegisteredOrchestrator_HasExactlyOneOrchestrationTriggerWrapperOfTheSameName()
    {
        var wrappers = Functions().Where(f => HasTrigger<OrchestrationTriggerAttribute>(f.Method)).Select(f => f.Name).ToArray();

        Assert.Equal(WorkflowRegistry.Orchestrators.Select(o => o.Name).Order(), wrappers.Order());
    }

    [Fact]
    public void EveryRegisteredActivity_HasExactlyOneActivityTriggerWrapperOfTheSameNameAndInput()
    {
        var wrappers = Functions().Where(f => HasTrigger<ActivityTriggerAttribute>(f.Method)).ToArray();

        Assert.Equal(WorkflowRegistry.Activities.Select(a => a.Name).Order(), wrappers.Select(w => w.Name).Order());
        foreach (var activity in WorkflowRegistry.Activities)
        {
            var method = wrappers.Single(w => w.Name == activity.Name).Method;
            var input = method.GetParameters().Single(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null);
            Assert.Equal(activity.InputType, input.ParameterType);
            Assert.Equal(typeof(Task<>).MakeGenericType(activity.OutputType), method.ReturnType);
        }
    }

    [Fact]
    public void FunctionsMetadata_ListsEveryHttpOrchestratorAndActivityFunction()
    {
        var configuration = typeof(FunctionsAppTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var path = Path.Combine(RepositoryRoot.Find(), "src", "OncologyMassage.Functions", "bin", configuration, "net10.0", "functions.metadata");
        using var metadata = JsonDocument.Parse(File.ReadAllText(path));

        var listed = metadata.RootElement.EnumerateArray()
            .Select(f => $"{f.GetProperty("name").GetString()}:{f.GetProperty("bindings")[0].GetProperty("type").GetString()}")
            .Order()
            .ToArray();

        var expected = Functions().Select(f => f.Name + ":" + (HasTrigger<HttpTriggerAttribute>(f.Method) ? "httpTrigger"
                : HasTrigger<OrchestrationTriggerAttribute>(f.Method) ? "orchestrationTrigger"
                : HasTrigger<TimerTriggerAttribute>(f.Method) ? "timerTrigger" : "activityTrigger"))
            .Order()
            .ToArray();
        Assert.Equal(expected, listed);
        // Anchors: one of each kind, so an empty or half-generated file cannot pass.
        Assert.Contains("ReferralOrchestration:orchestrationTrigger", listed);
        Assert.Contains("SendClientMessage:activityTrigger", listed);
        Assert.Contains("SubmitReferral:httpTrigger", listed);
        Assert.Contains("SweepPendingEvents:timerTrigger", listed);
    }

    [Fact]
    public void LocalHost_MapsEveryHttpFunctionUnderTheHostJsonRoutePrefix()
    {
        var prefix = FunctionRouteMapper.ReadRoutePrefix(Path.Combine(RepositoryRoot.Find(), "host.json"));

        var routes = FunctionRouteMapper.Discover(FunctionsAssembly, prefix).Select(f => $"{string.Join(',', f.Methods)} {f.Route}");

        Assert.Equal("api", prefix);
        Assert.Subset(routes.ToHashSet(),
            new HashSet<string> { "post /api/referrals", "get /api/referrals/{id}", "get /api/release/{token}", "post /api/sms/inbound", "get /api/pipeline" });
        Assert.Equal(routes.Count(), routes.Distinct().Count()); // no route is mapped twice
        Assert.Equal(Functions().Count(f => HasTrigger<HttpTriggerAttribute>(f.Method)), routes.Count());
    }
}
