using DurableTask.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using OncologyMassage.LocalHost.Engine;

namespace OncologyMassage.IntegrationTests.LocalHost;

/// <summary>
/// The repair of a held session without storage: <see cref="FetchFailureLog"/> notes the instance the engine names in
/// its failure line during a fetch, and <see cref="SessionReleasingService"/> releases exactly that instance. The real
/// engine's case is in Engine/HeldSessionTests.
/// </summary>
public sealed class SessionReleasingServiceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task LockNext_EngineLogsAFailureForAnInstanceAndRethrows_ReleasesThatInstanceAndRethrows()
    {
        var (log, engineLog) = Logs();
        var inner = new Mock<IOrchestrationService>();
        var failure = new InvalidOperationException("Status: 400 (The specified pop receipt did not match)");
        inner.Setup(s => s.LockNextTaskOrchestrationWorkItemAsync(Wait, It.IsAny<CancellationToken>())).Returns(async () =>
        {
            await Task.Yield();
            LogFailure(engineLog, "ref-held", failure);
            throw failure;
        });
        var service = new SessionReleasingService(inner.Object, NullLogger<SessionReleasingService>.Instance);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => service.LockNextTaskOrchestrationWorkItemAsync(Wait, CancellationToken.None));

        Assert.Same(failure, thrown);
        inner.Verify(s => s.ReleaseTaskOrchestrationWorkItemAsync(It.Is<TaskOrchestrationWorkItem>(w => w.InstanceId == "ref-held")), Times.Once);
        Assert.Equal(1, log.Lines); // the engine's line still reaches the host's log
    }

    [Fact]
    public async Task LockNext_FailureTheEngineDidNotTieToAnInstance_ReleasesNothing()
    {
        var (_, engineLog) = Logs();
        var inner = new Mock<IOrchestrationService>();
        inner.Setup(s => s.LockNextTaskOrchestrationWorkItemAsync(Wait, It.IsAny<CancellationToken>())).Returns(() =>
        {
            // A failure line about another exception (a prefetch that failed on a captured flow, say) names no session of this fetch.
            LogFailure(engineLog, "ref-other", new TimeoutException("prefetch"));
            return Task.FromException<TaskOrchestrationWorkItem>(new InvalidOperationException("queue unavailable"));
        });
        var service = new SessionReleasingService(inner.Object, NullLogger<SessionReleasingService>.Instance);

        await Assert.ThrowsAsync<InvalidOperationException>(() => service.LockNextTaskOrchestrationWorkItemAsync(Wait, CancellationToken.None));

        inner.Verify(s => s.ReleaseTaskOrchestrationWorkItemAsync(It.IsAny<TaskOrchestrationWorkItem>()), Times.Never);
    }

    [Fact]
    public async Task LockNext_WorkItemReturned_PassedThroughWithoutRelease()
    {
        var inner = new Mock<IOrchestrationService>();
        var item = new TaskOrchestrationWorkItem { InstanceId = "ref-1" };
        inner.Setup(s => s.LockNextTaskOrchestrationWorkItemAsync(Wait, It.IsAny<CancellationToken>())).ReturnsAsync(item);
        var service = new SessionReleasingService(inner.Object, NullLogger<SessionReleasingService>.Instance);

        Assert.Same(item, await service.LockNextTaskOrchestrationWorkItemAsync(Wait, CancellationToken.None));
        inner.Verify(s => s.ReleaseTaskOrchestrationWorkItemAsync(It.IsAny<TaskOrchestrationWorkItem>()), Times.Never);
    }

    [Fact]
    public void InstanceFor_FailureLoggedOutsideAFetchOrAfterIt_NotNoted()
    {
        var (_, engineLog) = Logs();
        var failure = new InvalidOperationException("lost");

        LogFailure(engineLog, "ref-before", failure); // no fetch on this flow
        var fetch = FetchFailureLog.BeginFetch();
        fetch.Dispose();
        LogFailure(engineLog, "ref-after", failure); // a flow that captured a finished fetch

        Assert.Null(fetch.InstanceFor(failure));
    }

    [Fact]
    public void CreateLogger_OtherCategoryOrEvent_NotNotedButPassedOn()
    {
        var (log, _) = Logs();
        var factory = new FetchFailureLog(log.Factory);
        var failure = new InvalidOperationException("lost");
        using var fetch = FetchFailureLog.BeginFetch();

        LogFailure(factory.CreateLogger("DurableTask.Core"), "ref-core", failure);
        factory.CreateLogger(FetchFailureLog.EngineCategory).Log(LogLevel.Warning, new EventId(114), Fields("ref-114", failure), null, (_, _) => "");

        Assert.Null(fetch.InstanceFor(failure));
        Assert.Equal(2, log.Lines);
    }

    private static (CountingLog Log, ILogger EngineLog) Logs()
    {
        var log = new CountingLog();
        return (log, new FetchFailureLog(log.Factory).CreateLogger(FetchFailureLog.EngineCategory));
    }

    /// <summary>What DurableTask.AzureStorage writes: a structured event whose fields include the instance and the exception's text.</summary>
    private static void LogFailure(ILogger logger, string instanceId, Exception failure) =>
        logger.Log(LogLevel.Error, new EventId(FetchFailureLog.OrchestrationProcessingFailure, "OrchestrationProcessingFailure"), Fields(instanceId, failure), null, (_, _) => "");

    private static Dictionary<string, object> Fields(string instanceId, Exception failure) =>
        new(StringComparer.Ordinal) { ["Account"] = "devstoreaccount1", ["TaskHub"] = "hub", ["InstanceId"] = instanceId, ["ExecutionId"] = "e1", ["Details"] = failure.ToString() };

    /// <summary>The host's log: counts the lines that reach it.</summary>
    private sealed class CountingLog : ILoggerFactory, ILogger
    {
        private int lines;

        public ILoggerFactory Factory => this;

        public int Lines => Volatile.Read(ref lines);

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Interlocked.Increment(ref lines);

        public void Dispose()
        {
        }
    }
}
