using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.DurableTask;
using Moq;
using OncologyMassage.Workflow.Orchestrations;

namespace OncologyMassage.Workflow.Tests.Orchestrations;

public sealed partial class ActivityCallsTests
{
    private static readonly MethodInfo[] Wrappers = typeof(ActivityCalls).GetMethods(BindingFlags.Public | BindingFlags.Static);

    public static TheoryData<string> ActivityNames() => [.. WorkflowRegistry.Activities.Select(a => a.Name)];

    [Theory]
    [MemberData(nameof(ActivityNames))]
    public void Wrapper_ForRegisteredActivity_IsExactlyOneWithTheActivitysOwnTypes(string activity)
    {
        var registration = WorkflowRegistry.Activities.Single(a => a.Name == activity);

        var matching = Wrappers.Where(m => m.GetParameters() is [var context, var input, var options]
            && context.ParameterType == typeof(TaskOrchestrationContext)
            && input.ParameterType == registration.InputType
            && options.ParameterType == typeof(TaskOptions)
            && m.ReturnType == typeof(Task<>).MakeGenericType(registration.OutputType)).ToList();

        Assert.Equal($"Call{activity}Async", Assert.Single(matching).Name);
    }

    [Fact]
    public void Wrappers_AllOfThem_OnePerRegisteredActivity()
    {
        var expected = WorkflowRegistry.Activities.Select(a => $"Call{a.Name}Async").Order(StringComparer.Ordinal);

        Assert.Equal(expected, Wrappers.Select(m => m.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ActivityNames))]
    public async Task Wrapper_Called_SchedulesTheActivityByItsClassNameWithTheInputAndOptions(string activity)
    {
        var registration = WorkflowRegistry.Activities.Single(a => a.Name == activity);
        var wrapper = Wrappers.Single(m => m.Name == $"Call{activity}Async");
        var context = new Mock<TaskOrchestrationContext> { DefaultValue = DefaultValue.Empty };
        var input = RuntimeHelpers.GetUninitializedObject(registration.InputType);
        var options = TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromSeconds(1)));

        await (Task)wrapper.Invoke(null, [context.Object, input, options])!;

        var call = Assert.Single(context.Invocations, i => i.Method.Name == nameof(TaskOrchestrationContext.CallActivityAsync));
        Assert.Equal(registration.OutputType, call.Method.GetGenericArguments().Single());
        Assert.Equal(new TaskName(activity), call.Arguments[0]);
        Assert.Same(input, call.Arguments[1]);
        Assert.Same(options, call.Arguments[2]);
    }

    [Fact]
    public void Orchestrations_OutsideActivityCalls_MakeNoUntypedActivityOrOrchestrationCalls()
    {
        var folder = Path.Combine(RepoRoot(), "src", "OncologyMassage.Workflow", "Orchestrations");
        var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "ActivityCalls.cs");

        var untyped = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => UntypedCall().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.Empty(untyped);
    }

    /// <summary>Activity or sub-orchestration calls by name (string or nameof): they belong in ActivityCalls only.</summary>
    [GeneratedRegex(@"\b(CallActivityAsync|CallSubOrchestratorAsync|ScheduleNewOrchestrationInstanceAsync)\b|\bCallAsync\s*<", RegexOptions.CultureInvariant)]
    private static partial Regex UntypedCall();

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OncologyMassage.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (OncologyMassage.Functions.sln) was not found above the test binaries.");
    }
}
