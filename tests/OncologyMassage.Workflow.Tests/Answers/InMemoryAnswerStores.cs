using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Tests.Answers;

/// <summary>The reply store in memory (insert once per message id, like the table).</summary>
internal sealed class InMemoryReplyStore : IReplyStore
{
    public Dictionary<(string, string), ReplyRecord> Rows { get; } = [];

    /// <summary>Point reads made, as the table would count them.</summary>
    public int Reads { get; private set; }

    public Task<bool> TryRecordAsync(ReplyRecord record, CancellationToken cancellationToken) =>
        Task.FromResult(Rows.TryAdd((record.ReferralId, record.MessageId), record));

    public Task<ReplyRecord?> GetAsync(string referralId, string messageId, CancellationToken cancellationToken)
    {
        Reads++;
        return Task.FromResult(Rows.GetValueOrDefault((referralId, messageId)));
    }
}

/// <summary>The pending-event table in memory.</summary>
internal sealed class InMemoryPendingEventStore : IPendingEventStore
{
    public Dictionary<AnswerRef, PendingEvent> Rows { get; } = [];

    public Task SaveAsync(PendingEvent pending, CancellationToken cancellationToken)
    {
        Rows[pending.Answer] = pending;
        return Task.CompletedTask;
    }

    public Task<bool> ExistsAsync(AnswerRef answer, CancellationToken cancellationToken) => Task.FromResult(Rows.ContainsKey(answer));

    public Task<IReadOnlyList<PendingEvent>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PendingEvent>>(Rows.Values.OrderBy(r => r.CreatedAt).ToArray());

    public Task DeleteAsync(AnswerRef answer, CancellationToken cancellationToken)
    {
        Rows.Remove(answer);
        return Task.CompletedTask;
    }
}

/// <summary>A relay over in-memory replies and pending rows; the other answer stores are loose mocks the test may set up.</summary>
internal sealed class RelayFixture
{
    public InMemoryReplyStore Replies { get; } = new();

    public InMemoryPendingEventStore Pending { get; } = new();

    public Mock<IReleaseStore> Releases { get; } = new();

    public Mock<IIntakeStore> Intakes { get; } = new();

    public Mock<IConsentStore> Consents { get; } = new();

    public Mock<ISessionStore> Sessions { get; } = new();

    public Mock<IReferralStore> Referrals { get; } = new();

    public Mock<IBookingStore> Bookings { get; } = new();

    public StoredAnswers Answers => new(Releases.Object, Intakes.Object, Consents.Object, Sessions.Object, Replies, Referrals.Object, Bookings.Object);

    public AnswerRelay Relay(TimeProvider clock, IReferralWorkflowClient workflow) => new(Pending, Answers, workflow, clock, NullLogger<AnswerRelay>.Instance);
}
