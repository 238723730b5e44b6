using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using OncologyMassage.Workflow.Durable;
using OncologyMassage.Workflow.Referrals;

namespace OncologyMassage.Workflow.Tests.Referrals;

/// <summary>The work after a referral's answer: off the request's flow, with the request's Durable client, drained on stop.</summary>
public sealed class AfterAnswerWorkTests
{
    private static AfterAnswerWork Fixed(ILogger<AfterAnswerWork>? logger = null) =>
        new(new FixedDurableClientSource(new Mock<DurableTaskClient>("fixed").Object), logger ?? NullLogger<AfterAnswerWork>.Instance);

    [Fact]
    public async Task StopAsync_WorkInFlight_WaitsUntilItEnds()
    {
        using var work = Fixed();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = false;
        work.Run("ref-1", async _ =>
        {
            await release.Task;
            finished = true;
        });

        var stop = ((IHostedService)work).StopAsync(CancellationToken.None);
        Assert.False(stop.IsCompleted); // still waiting for the start in flight, which cannot finish before release below
        release.SetResult();
        await stop;

        Assert.True(finished);
        Assert.Equal(0, work.InFlight);
    }

    [Fact]
    public async Task StopAsync_ShutdownTimeoutPasses_CancelsTheWorkAndLeavesItToTheSweep()
    {
        var logger = new ListLogger();
        using var work = Fixed(logger);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        work.Run("ref-2", async ct =>
        {
            await using var registration = ct.Register(() => cancelled.TrySetResult());
            await Task.Delay(Timeout.Infinite, ct);
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await ((IHostedService)work).StopAsync(timeout.Token);

        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Contains(logger.Lines, l => l.Contains("ref-2", StringComparison.Ordinal) && l.Contains("orphan sweep", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_WorkFails_IsLoggedWithTheReferralIdAndTheErrorTypeOnly()
    {
        var logger = new ListLogger();
        using var work = Fixed(logger);

        work.Run("ref-3", _ => throw new InvalidOperationException("+16175550143 Ada Sample"));
        await work.DrainAsync(CancellationToken.None);

        var line = Assert.Single(logger.Lines);
        Assert.Contains("ref-3", line, StringComparison.Ordinal);
        Assert.Contains(nameof(InvalidOperationException), line, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InsideAnInvocation_WorkSeesTheInvocationsClientAfterTheInvocationEnded()
    {
        // The Functions app: the [DurableClient] of the request's invocation is emptied when the function returns.
        var source = new InvocationDurableClientSource();
        using var work = new AfterAnswerWork(source, NullLogger<AfterAnswerWork>.Instance);
        var client = new Mock<DurableTaskClient>("bound").Object;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        DurableTaskClient? seen = null;
        using (var invocation = source.Begin())
        {
            invocation.Use(client);
            work.Run("ref-4", async _ =>
            {
                await release.Task;
                seen = source.Client;
            });
        }

        release.SetResult();
        await work.DrainAsync(CancellationToken.None);

        Assert.Same(client, seen);
    }

    [Fact]
    public async Task Run_FromARequestFlow_DoesNotCarryTheRequestsAmbientState()
    {
        // Not the request's trace or scope: the bench and the logs tell the request's own storage requests by its flow.
        var ambient = new AsyncLocal<string?> { Value = "request" };
        using var work = Fixed();
        string? seen = "unset";

        work.Run("ref-5", _ =>
        {
            seen = ambient.Value;
            return Task.CompletedTask;
        });
        await work.DrainAsync(CancellationToken.None);

        Assert.Null(seen);
    }

    private sealed class ListLogger : ILogger<AfterAnswerWork>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add(formatter(state, exception) + (exception is null ? "" : " " + exception.Message));
            }
        }
    }
}
