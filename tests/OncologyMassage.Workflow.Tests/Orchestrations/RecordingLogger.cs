using Microsoft.Extensions.Logging;

namespace OncologyMassage.Workflow.Tests.Orchestrations;

/// <summary>A logger that keeps every entry: event id, level and the formatted message.</summary>
internal sealed class RecordingLogger : ILogger
{
    public List<(EventId Id, LogLevel Level, string Message)> Entries { get; } = [];

    public IReadOnlyList<int> EventIds => [.. Entries.Select(e => e.Id.Id)];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Add((eventId, logLevel, formatter(state, exception)));
}
