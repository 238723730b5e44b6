using System.Collections.Concurrent;

namespace OncologyMassage.Infrastructure.Tables;

/// <summary>
/// The one bounded, expiring map behind this host's remembered rows (<see cref="ReferralRowCache"/>,
/// <see cref="WrittenOnceRecords"/>): each entry lives for the lifetime it was given, and past <see cref="MaxEntries"/> the
/// expired ones are dropped (then all, if none had expired), so memory stays bounded. A zero lifetime keeps nothing.
/// </summary>
internal sealed class ExpiringEntries<TKey, TValue>(TimeSpan lifetime, TimeProvider clock)
    where TKey : notnull
{
    internal const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<TKey, (TValue Value, DateTimeOffset Until)> entries = new();

    public bool Keeps => lifetime > TimeSpan.Zero;

    public bool TryGet(TKey key, out TValue value)
    {
        if (entries.TryGetValue(key, out var entry) && entry.Until > clock.GetUtcNow())
        {
            value = entry.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(TKey key, TValue value)
    {
        if (!Keeps)
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (entries.Count >= MaxEntries)
        {
            foreach (var expired in entries.Where(e => e.Value.Until <= now).Select(e => e.Key).ToArray())
            {
                entries.TryRemove(expired, out _);
            }

            if (entries.Count >= MaxEntries)
            {
                entries.Clear();
            }
        }

        entries[key] = (value, now + lifetime);
    }

    public void Remove(TKey key) => entries.TryRemove(key, out _);

    public void RemoveWhere(Func<TKey, bool> match)
    {
        foreach (var key in entries.Keys.Where(match).ToArray())
        {
            entries.TryRemove(key, out _);
        }
    }
}
