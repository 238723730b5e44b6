using System.Data.Common;
using System.Net;

namespace OncologyMassage.LocalHost.Azurite;

/// <summary>
/// Whether a storage connection string names the local emulator: <c>UseDevelopmentStorage=true</c>, or the emulator's
/// well-known development account (devstoreaccount1 with its published key) with every endpoint on a loopback address.
/// Only then does the local host seed demo data and open its development routes; a real account never gets a demo
/// practice key, demo coordinators or a sign-in anyone may use.
/// </summary>
public static class EmulatorStorage
{
    public const string DevelopmentAccount = "devstoreaccount1";

    private static readonly string[] EndpointKeys = ["BlobEndpoint", "QueueEndpoint", "TableEndpoint"];

    public static bool IsEmulator(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            return false;
        }

        if (Get(builder, "UseDevelopmentStorage") is { } development)
        {
            // The emulator's defaults are loopback; a proxy URI would send the traffic elsewhere.
            return bool.TryParse(development, out var on) && on && Get(builder, "DevelopmentStorageProxyUri") is null && builder.Count == 1;
        }

        if (!string.Equals(Get(builder, "AccountName"), DevelopmentAccount, StringComparison.Ordinal)
            || !string.Equals(Get(builder, "AccountKey"), AzuriteLauncher.AccountKey, StringComparison.Ordinal)
            || Get(builder, "SharedAccessSignature") is not null)
        {
            return false;
        }

        // Without explicit endpoints the account would be devstoreaccount1.*.core.windows.net: not the emulator.
        var endpoints = EndpointKeys.Select(k => Get(builder, k)).Where(e => e is not null).ToArray();
        return endpoints.Length > 0 && endpoints.All(e => IsLoopback(e!));
    }

    /// <summary>A URL whose host is a loopback address or "localhost".</summary>
    public static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)));

    private static string? Get(DbConnectionStringBuilder builder, string key) =>
        builder.TryGetValue(key, out var value) && value is string text && text.Length > 0 ? text : null;
}
