namespace OncologyMassage.LocalHost.Engine;

/// <summary>
/// Reads one line of the engine's own log for <see cref="SessionReleasingService"/>: DurableTask.AzureStorage logs
/// <c>OrchestrationProcessingFailure</c> (event 115) with the instance id just before a failed fetch of an
/// orchestration work item rethrows, and that id is the only place the failure names the instance. This factory
/// passes every log line on unchanged; it notes the instance id of that event for the fetch being made on the same
/// asynchronous flow (<see cref="BeginFetch"/>), and nothing else.
/// </summary>
public sealed class FetchFailureLog : ILoggerFactory
{
    /// <summary>DurableTask.AzureStorage's <c>EventIds.OrchestrationProcessingFailure</c>.</summary>
    public const int OrchestrationProcessingFailure = 115;

    /// <summary>The category DurableTask.AzureStorage logs under.</summary>
    public const string EngineCategory = "DurableTask.AzureStorage";

    private static readonly AsyncLocal<Fetch?> Current = new();
    private readonly ILoggerFactory inner;

    public FetchFailureLog(ILoggerFactory inner) => this.inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>
    /// Starts noting failures for one fetch. Call it inside the async method that makes the fetch, so the note flows
    /// into the engine's call and ends with the method; dispose it when the fetch returns.
    /// </summary>
    public static Fetch BeginFetch() => Current.Value = new Fetch();

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return string.Equals(categoryName, EngineCategory, StringComparison.Ordinal) ? new Observing(logger) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    /// <summary>What the engine logged as a processing failure during one fetch: instance ids and the failure text.</summary>
    public sealed class Fetch : IDisposable
    {
        private readonly List<(string InstanceId, string Details)> failures = [];
        private bool done;

        /// <summary>
        /// The instance whose failure the engine logged for this exception: its text starts with the exception's type
        /// and message (the engine logs <c>exception.ToString()</c> and then rethrows the same exception).
        /// </summary>
        public string? InstanceFor(Exception exception)
        {
            ArgumentNullException.ThrowIfNull(exception);
            var head = exception.GetType().FullName + ": " + exception.Message;
            lock (failures)
            {
                return failures.LastOrDefault(f => f.Details.StartsWith(head, StringComparison.Ordinal)).InstanceId;
            }
        }

        internal void Note(string instanceId, string details)
        {
            lock (failures)
            {
                if (!done)
                {
                    failures.Add((instanceId, details));
                }
            }
        }

        public void Dispose()
        {
            lock (failures)
            {
                done = true; // a background task that captured this flow must not write into a finished fetch
            }

            if (ReferenceEquals(Current.Value, this))
            {
                Current.Value = null;
            }
        }
    }

    private sealed class Observing(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The engine writes its structured events without asking IsEnabled, so this sees them whatever the log filter says.
            if (eventId.Id == OrchestrationProcessingFailure && Current.Value is { } fetch
                && state is IReadOnlyDictionary<string, object?> fields
                && fields.TryGetValue("InstanceId", out var id) && id is string { Length: > 0 } instanceId
                && fields.TryGetValue("Details", out var details) && details is string text)
            {
                fetch.Note(instanceId, text);
            }

            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
