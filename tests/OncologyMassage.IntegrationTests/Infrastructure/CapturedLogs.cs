using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace OncologyMassage.IntegrationTests.Infrastructure;

/// <summary>A logger provider that keeps every line a host writes, with its event id and every log scope around it.</summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<Entry> entries = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public sealed record Entry(string Category, LogLevel Level, EventId EventId, string Message, string Scopes, string? Exception);

    public IReadOnlyList<Entry> Entries => entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    /// <summary>Everything captured as one text (messages, scopes, exceptions), to search for what must never be there.</summary>
    public string AllText() => string.Join('\n', Entries.Select(e => $"{e.Category} {e.EventId} {e.Message} {e.Scopes} {e.Exception}"));

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopeText = new StringBuilder();
            owner.scopes.ForEachScope((scope, text) =>
            {
                text.Append(scope).Append(' ');
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    foreach (var (key, value) in pairs)
                    {
                        text.Append(key).Append('=').Append(value).Append(' ');
                    }
                }
            }, scopeText);
            var properties = state is IEnumerable<KeyValuePair<string, object?>> values ? string.Join(' ', values.Select(v => $"{v.Key}={v.Value}")) : "";
            owner.entries.Enqueue(new Entry(category, logLevel, eventId, formatter(state, exception) + " " + properties, scopeText.ToString(), exception?.ToString()));
        }
    }
}
