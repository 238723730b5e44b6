using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Forms;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Tests.Answers;

namespace OncologyMassage.Workflow.Tests.Forms;

public sealed class IntakeAnswerHandlerTests
{
    private readonly RelayFixture stores = new();
    private readonly Mock<IReferralWorkflowClient> durable = new(MockBehavior.Strict);
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly Dictionary<string, IntakeRecord> rows = [];

    public IntakeAnswerHandlerTests()
    {
        stores.Intakes.Setup(i => i.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, CancellationToken _) => rows.GetValueOrDefault(id));
        stores.Intakes.Setup(i => i.TryRecordAsync(It.IsAny<IntakeRecord>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IntakeRecord record, CancellationToken _) => rows.TryAdd(record.ReferralId, record));
    }

    private IntakeAnswerHandler Handler() => new(stores.Intakes.Object, stores.Relay(clock, durable.Object), NullLogger<IntakeAnswerHandler>.Instance);

    private static Intake Intake(string cancerType = "Breast cancer") => new() { CompletedOn = new DateOnly(2026, 11, 25), CancerType = cancerType };

    [Fact]
    public async Task SubmitAsync_NewIntake_StoresItAndRaisesTheTimeOnly()
    {
        durable.Setup(d => d.RaiseEventAsync("ref-1", WorkflowEvents.IntakeSubmitted, new FormSubmitted(clock.GetUtcNow()), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);

        var outcome = await Handler().SubmitAsync("ref-1", Intake(), clock.GetUtcNow(), CancellationToken.None);

        Assert.Equal(RelayOutcome.Stored, outcome);
        Assert.Equal("Breast cancer", rows["ref-1"].Intake.CancerType);
        Assert.Empty(stores.Pending.Rows);
        durable.VerifyAll();
    }

    [Fact]
    public async Task SubmitAsync_NewIntake_ReadsTheIntakeStoreOnlyToCompare()
    {
        durable.Setup(d => d.RaiseEventAsync("ref-1", WorkflowEvents.IntakeSubmitted, new FormSubmitted(clock.GetUtcNow()), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);

        await Handler().SubmitAsync("ref-1", Intake(), clock.GetUtcNow(), CancellationToken.None);

        stores.Intakes.Verify(i => i.GetAsync("ref-1", It.IsAny<CancellationToken>()), Times.Once); // raised from the record it stored
        durable.VerifyAll();
    }

    [Fact]
    public async Task SubmitAsync_RaiseFails_TheIntakeStaysStoredAndItsPendingRowStaysForTheSweep()
    {
        durable.Setup(d => d.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("task hub unavailable"));

        var outcome = await Handler().SubmitAsync("ref-1", Intake(), clock.GetUtcNow(), CancellationToken.None);

        Assert.Equal(RelayOutcome.Stored, outcome);
        Assert.True(rows.ContainsKey("ref-1"));
        Assert.Equal(AnswerRef.OnePer("ref-1", AnswerKind.Intake), Assert.Single(stores.Pending.Rows).Key);
    }

    [Fact]
    public async Task SubmitAsync_SameIntakeAgain_IsARepeatAndNotStoredTwice()
    {
        durable.Setup(d => d.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        await Handler().SubmitAsync("ref-1", Intake(), clock.GetUtcNow(), CancellationToken.None);

        var second = await Handler().SubmitAsync("ref-1", Intake(), clock.GetUtcNow().AddMinutes(5), CancellationToken.None);

        Assert.Equal(RelayOutcome.Repeated, second);
        Assert.Equal(clock.GetUtcNow(), rows["ref-1"].SubmittedAt);
        stores.Intakes.Verify(i => i.TryRecordAsync(It.IsAny<IntakeRecord>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SubmitAsync_DifferentSecondIntake_IsAConflictAndTheFirstStands()
    {
        durable.Setup(d => d.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        await Handler().SubmitAsync("ref-1", Intake(), clock.GetUtcNow(), CancellationToken.None);

        var second = await Handler().SubmitAsync("ref-1", Intake("Lymphoma"), clock.GetUtcNow(), CancellationToken.None);

        Assert.Equal(RelayOutcome.Conflict, second);
        Assert.Equal("Breast cancer", rows["ref-1"].Intake.CancerType);
        durable.Verify(d => d.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task AnsweredAsync_OnlyOnceAnIntakeIsStored()
    {
        durable.Setup(d => d.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var before = await Handler().AnsweredAsync("ref-1", CancellationToken.None);

        await Handler().SubmitAsync("ref-1", Intake(), clock.GetUtcNow(), CancellationToken.None);

        Assert.Equal((false, true), (before, await Handler().AnsweredAsync("ref-1", CancellationToken.None)));
    }
}
