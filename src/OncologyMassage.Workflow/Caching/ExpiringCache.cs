using System.Collections.Concurrent;

namespace OncologyMassage.Workflow.Caching;

/// <summary>
/// Values kept for a fixed time after they were read (by <see cref="TimeProvider"/>, so tests move the clock). Only values
/// that were found are kept: a miss is asked again next time, so something added elsewhere is seen at once. A zero
/// lifetime keeps nothing.
/// </summary>
public sealed class ExpiringCache<TValue>(TimeSpan lifetime, TimeProvider clock)
    where TValue : class
{
    private readonly ConcurrentDictionary<string, (TValue Value, DateTimeOffset Until)> entries = new(StringComparer.Ordinal);

    public async Task<TValue?> GetOrReadAsync(string key, Func<Task<TValue?>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var now = clock.GetUtcNow();
        if (entries.TryGetValue(key, out var entry) && entry.Until > now)
        {
            return entry.Value;
        }

        var value = await read();
        if (value is null || lifetime <= TimeSpan.Zero)
        {
            entries.TryRemove(key, out _);
        }
        else
        {
            entries[key] = (value, now + lifetime);
        }

        return value;
    }

    public void Forget(string key) => entries.TryRemove(key, out _);

    public void Clear() => entries.Clear();
}
