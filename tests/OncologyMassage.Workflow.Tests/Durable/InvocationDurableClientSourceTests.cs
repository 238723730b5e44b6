using Microsoft.DurableTask.Client;
using Moq;
using OncologyMassage.Workflow.Durable;

namespace OncologyMassage.Workflow.Tests.Durable;

public sealed class InvocationDurableClientSourceTests
{
    private readonly InvocationDurableClientSource source = new();

    [Fact]
    public void Client_OutsideAnyInvocation_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => source.Client);
    }

    [Fact]
    public async Task Client_InsideAnInvocationGivenItsClient_IsThatClientAcrossAwaits()
    {
        var client = new Mock<DurableTaskClient>("a").Object;
        using var invocation = source.Begin();
        invocation.Use(client);

        await Task.Yield();

        Assert.Same(client, source.Client);
    }

    [Fact]
    public async Task Client_TwoConcurrentInvocations_EachSeesItsOwn()
    {
        var (a, b) = (new Mock<DurableTaskClient>("a").Object, new Mock<DurableTaskClient>("b").Object);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task<DurableTaskClient> RunAsync(DurableTaskClient mine)
        {
            using var invocation = source.Begin();
            invocation.Use(mine);
            await gate.Task;
            return source.Client;
        }

        var (first, second) = (Task.Run(() => RunAsync(a)), Task.Run(() => RunAsync(b)));
        gate.SetResult();

        Assert.Same(a, await first);
        Assert.Same(b, await second);
    }

    [Fact]
    public void Client_AfterTheInvocationEnded_Throws()
    {
        using (var invocation = source.Begin())
        {
            invocation.Use(new Mock<DurableTaskClient>("a").Object);
        }

        Assert.Throws<InvalidOperationException>(() => source.Client);
    }
}
