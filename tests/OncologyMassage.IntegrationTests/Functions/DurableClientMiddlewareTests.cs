using System.Collections;
using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Context.Features;
using Microsoft.DurableTask.Client;
using Moq;
using OncologyMassage.Functions.Middleware;
using OncologyMassage.Workflow.Durable;

namespace OncologyMassage.IntegrationTests.Functions;

/// <summary>
/// The Functions app's way to give Workflow the invocation's [DurableClient]: the worker's executor binds the inputs
/// (simulated here by calling the binding feature, as the executor does) and the middleware hands the bound client on.
/// </summary>
public sealed class DurableClientMiddlewareTests
{
    private readonly InvocationDurableClientSource source = new();
    private readonly DurableTaskClient client = new Mock<DurableTaskClient>("test").Object;

    [Fact]
    public async Task Invoke_FunctionWithDurableClientBinding_WorkflowSeesTheBoundClientOnceInputsAreBound()
    {
        var context = Context(DurableClientMiddleware.BindingType, [new object(), client]);
        DurableTaskClient? seen = null;

        await new DurableClientMiddleware(source).Invoke(context, async c =>
        {
            await c.Features.Get<IFunctionInputBindingFeature>()!.BindFunctionInputAsync(c);
            seen = source.Client;
        });

        Assert.Same(client, seen);
    }

    [Fact]
    public async Task Invoke_AfterTheFunctionRan_LeavesNoClientBehind()
    {
        var context = Context(DurableClientMiddleware.BindingType, [client]);

        await new DurableClientMiddleware(source).Invoke(context, async c => await c.Features.Get<IFunctionInputBindingFeature>()!.BindFunctionInputAsync(c));

        Assert.Throws<InvalidOperationException>(() => source.Client);
    }

    [Fact]
    public async Task Invoke_FunctionWithoutDurableClientBinding_LeavesTheWorkersBindingAlone()
    {
        var context = Context("httpTrigger", [new object()]);
        var original = context.Features.Get<IFunctionInputBindingFeature>();
        IFunctionInputBindingFeature? during = null;

        await new DurableClientMiddleware(source).Invoke(context, c =>
        {
            during = c.Features.Get<IFunctionInputBindingFeature>();
            return Task.CompletedTask;
        });

        Assert.Same(original, during);
    }

    /// <summary>A function with one input binding of <paramref name="bindingType"/>, whose inputs bind to <paramref name="values"/>.</summary>
    private static FunctionContext Context(string bindingType, object?[] values)
    {
        var binding = new Mock<BindingMetadata>();
        binding.SetupGet(b => b.Name).Returns("input");
        binding.SetupGet(b => b.Type).Returns(bindingType);
        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.Name).Returns("Function");
        definition.SetupGet(d => d.InputBindings).Returns(ImmutableDictionary<string, BindingMetadata>.Empty.Add("input", binding.Object));
        var inputs = new Mock<IFunctionInputBindingFeature>();
        inputs.Setup(i => i.BindFunctionInputAsync(It.IsAny<FunctionContext>())).ReturnsAsync(new FunctionInputBindingResult(values));
        var features = new Features();
        features.Set(inputs.Object);
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.FunctionDefinition).Returns(definition.Object);
        context.SetupGet(c => c.Features).Returns(features);
        return context.Object;
    }

    private sealed class Features : IInvocationFeatures
    {
        private readonly Dictionary<Type, object> items = [];

        public T? Get<T>() => items.TryGetValue(typeof(T), out var item) ? (T)item : default;

        public void Set<T>(T instance) => items[typeof(T)] = instance!;

        public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => items.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
