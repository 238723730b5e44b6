using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;

namespace OncologyMassage.LocalHost;

/// <summary>
/// The local host's link-signing key when none is configured: one per deployment, stable across restarts, so links in
/// the dev outbox keep working. With the Azurite the host starts it lives in that Azurite's own data folder (a host on
/// another data folder has another key); with <c>--LocalHost:StorageConnectionString</c> it lives in the storage itself,
/// one row of the <c>{prefix}LocalHostSettings</c> table. The first host to write it wins; everyone else reads it.
/// </summary>
internal static class LocalSigningKey
{
    public const string FileName = "link-signing-key";
    public const string TableName = "LocalHostSettings";
    private const string Partition = "links";
    private const string Row = "signing-key";

    /// <summary>The key kept in <paramref name="dataFolder"/> (made on first use).</summary>
    public static string InDataFolder(string dataFolder)
    {
        var folder = Path.GetFullPath(dataFolder);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, FileName);
        try
        {
            // CreateNew: two hosts starting on one folder cannot both write a key.
            using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            using var writer = new StreamWriter(stream);
            writer.Write(NewKey());
        }
        catch (IOException) when (File.Exists(file))
        {
            // Made before (or by another host just now): read it.
        }

        return File.ReadAllText(file).Trim();
    }

    /// <summary>The key kept in the storage account's <c>{prefix}LocalHostSettings</c> table (made on first use).</summary>
    public static async Task<string> InStorageAsync(string connectionString, string tablePrefix, CancellationToken cancellationToken)
    {
        var table = new TableClient(connectionString, tablePrefix + TableName);
        await table.CreateIfNotExistsAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition, Row) { ["Key"] = NewKey() }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Made before (or by another host just now): read it.
        }

        var row = await table.GetEntityAsync<TableEntity>(Partition, Row, cancellationToken: cancellationToken);
        return row.Value.GetString("Key");
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
