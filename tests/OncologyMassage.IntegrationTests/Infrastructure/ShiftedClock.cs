namespace OncologyMassage.IntegrationTests.Infrastructure;

/// <summary>
/// The system clock moved forward by <see cref="Offset"/>: for a test that must let a window pass (e.g. the outbox's
/// reconciliation window since the host started) while rows are stored and read with real timestamps.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
