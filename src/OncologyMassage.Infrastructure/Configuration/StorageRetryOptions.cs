using System.ComponentModel.DataAnnotations;
using Azure.Core;
using Microsoft.Extensions.Configuration;

namespace OncologyMassage.Infrastructure.Configuration;

/// <summary>
/// How every storage client (tables, blobs, and on the local host the Durable engine's queues, tables and blobs) retries
/// a failed request (section <c>StorageRetry</c>). The defaults are the Azure SDK's own, except the network timeout: the
/// SDK waits 100 s for an answer, long enough that one hung request holds an activity past its queue visibility timeout.
/// A request that still fails after the retries throws, and the caller (activity retry policy, engine, HTTP 5xx problem)
/// reports it: nothing is dropped silently. docs/reliability.md.
/// </summary>
public sealed class StorageRetryOptions
{
    public const string SectionName = "StorageRetry";

    /// <summary>Retries after the first attempt (default 3, as the SDK).</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off delay, doubled on each retry with jitter (default 0.8 s, as the SDK).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>Longest back-off delay (default 1 min, as the SDK).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one attempt may wait for an answer before it is abandoned and retried (default 30 s; SDK: 100 s).</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The options in <paramref name="configuration"/> (section <see cref="SectionName"/>), or the defaults.</summary>
    public static StorageRetryOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(SectionName).Get<StorageRetryOptions>() ?? new StorageRetryOptions();
    }

    /// <summary>Sets these retry settings on a storage client's options and returns them.</summary>
    public T ApplyTo<T>(T clientOptions)
        where T : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(clientOptions);
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = MaxRetries;
        clientOptions.Retry.Delay = Delay;
        clientOptions.Retry.MaxDelay = MaxDelay;
        clientOptions.Retry.NetworkTimeout = NetworkTimeout;
        return clientOptions;
    }
}
