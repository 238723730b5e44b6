using System.Reflection;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Moq;
using Moq.Protected;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Replies;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Orchestrations;

namespace OncologyMassage.Workflow.Tests.Orchestrations;

/// <summary>The orchestrations' milestones: logged once (never while the engine replays), with ids and enums only.</summary>
public sealed class JourneyLogTests
{
    private static readonly DateTime Start = new(2026, 11, 25, 15, 0, 0, DateTimeKind.Utc);
    private static readonly ReferralWorkflowInput Input = new("ref-1", "harbor-infusion-center", new WorkflowOptions().ToTimings());

    [Fact]
    public async Task MoveAsync_WhileReplaying_LogsNothing()
    {
        var (context, logger) = EngineLikeContext(replaying: true);

        await new Journey(context, Input).MoveAsync(Stage.MdReleaseRequested, "MD release requested");

        Assert.Empty(logger.Entries);
    }

    [Fact]
    public async Task MoveAsync_NotReplaying_LogsTheStageReachedOnce()
    {
        var (context, logger) = EngineLikeContext(replaying: false);

        await new Journey(context, Input).MoveAsync(Stage.MdReleaseRequested, "MD release requested");

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(6001, entry.Id.Id);
        Assert.Equal("Referral ref-1 reached stage MdReleaseRequested", entry.Message);
    }

    [Fact]
    public async Task RunAsync_ReleaseWaitExpires_LogsStageWaitDeadlineAndEnd()
    {
        var h = new OrchestrationHarness(Start);
        var run = new ReferralOrchestration().RunAsync(h.Context, Input);

        h.AdvanceBy(Input.Timings.ReleaseExpiresAfter);

        Assert.Equal(Stage.Expired, (await run).FinalStage);
        Assert.Contains(6001, h.Logger.EventIds);
        Assert.Equal(6005, h.Logger.EventIds[^1]);
        Assert.Contains(h.Logger.Entries, e => e.Id.Id == 6001 && e.Message == "Referral ref-1 reached stage Expired");
    }

    [Fact]
    public void Milestones_Parameters_AreIdsEnumsCountsOrTimesOnly()
    {
        var methods = typeof(JourneyLog).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly);

        var offending = methods.SelectMany(m => m.GetParameters().Skip(1).Select(p => (Method: m.Name, Parameter: p)))
            .Where(x => !(x.Parameter.ParameterType.IsEnum
                || x.Parameter.ParameterType == typeof(int)
                || x.Parameter.ParameterType == typeof(DateTime)
                || (x.Parameter.ParameterType == typeof(string) && (x.Parameter.Name!.EndsWith("Id", StringComparison.Ordinal) || x.Parameter.Name == "eventName"))))
            .Select(x => $"{x.Method}({x.Parameter.Name})");

        Assert.NotEmpty(methods);
        Assert.Empty(offending);
    }

    /// <summary>
    /// A context that makes its replay-safe logger the way the engine's does (the SDK's own <c>CreateReplaySafeLogger</c>
    /// over the context's logger factory), replaying or not; activities return the stage they were asked to record.
    /// </summary>
    private static (TaskOrchestrationContext Context, RecordingLogger Logger) EngineLikeContext(bool replaying)
    {
        var logger = new RecordingLogger();
        var factory = new Mock<ILoggerFactory>();
        factory.Setup(f => f.CreateLogger(It.IsAny<string>())).Returns(logger);
        var context = new Mock<TaskOrchestrationContext> { CallBase = true, DefaultValue = DefaultValue.Empty };
        context.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(factory.Object);
        context.SetupGet(c => c.IsReplaying).Returns(replaying);
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Start);
        context.Setup(c => c.CallActivityAsync<Stage>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName _, object? change, TaskOptions? _) => Task.FromResult(((OncologyMassage.Workflow.Ports.StageChange)change!).To));
        return (context.Object, logger);
    }
}
