namespace OncologyMassage.IntegrationTests.Infrastructure;

/// <summary>
/// The one way the integration tests wait: ask the store, the engine or the HTTP API again until the answer is the
/// expected one, and fail with what was last seen when it never comes. No test sleeps for a fixed time to let
/// something happen; a test that proves that something did NOT happen waits for the engine's or the store's own
/// signal that the work is done (an instance that completed, an event already in the history, an outbox row that is
/// settled) and then looks.
/// </summary>
public static class Eventually
{
    /// <summary>How long a condition may take unless the test says otherwise: generous, because CI shares two cores.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Between two looks: short, since each look is one cheap request to Azurite or the host.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Asks <paramref name="probe"/> until its answer satisfies <paramref name="done"/>; returns that answer.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var ct = TestContext.Current.CancellationToken;
        while (true)
        {
            var last = await probe();
            if (done(last))
            {
                return last;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Timed out waiting: {what}; last seen: {Describe(last)}.");
            }

            await Task.Delay(Interval, ct);
        }
    }

    /// <summary>Asks <paramref name="condition"/> until it holds.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(condition, held => held, what, timeout);

    /// <summary>Asks <paramref name="probe"/> until it finds something (not null); returns it.</summary>
    public static async Task<T> FoundAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null) where T : class =>
        (await UntilAsync(probe, found => found is not null, what, timeout))!;

    private static string Describe<T>(T last) => last switch
    {
        null => "nothing",
        System.Collections.IEnumerable items and not string => $"{items.Cast<object?>().Count()} item(s)",
        _ => last.ToString() ?? "?",
    };
}
