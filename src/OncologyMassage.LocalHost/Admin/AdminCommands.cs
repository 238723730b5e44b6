namespace OncologyMassage.LocalHost.Admin;

/// <summary>
/// The clinic's admin commands, run with the local host's project: <c>dotnet run --project src/OncologyMassage.LocalHost --
/// &lt;command&gt; …</c>. Each writes through the app's own stores, to the local Azurite or, with
/// <c>--AzureWebJobsStorage:accountName=&lt;account&gt;</c>, to Azure (see <see cref="AdminStorage"/>).
/// </summary>
public static class AdminCommands
{
    /// <summary>Exit code for a command used wrongly or given data it refuses (nothing is written).</summary>
    public const int Refused = 2;

    /// <summary>Exit code for a check that ran and found a problem (verify-audit).</summary>
    public const int Failed = 1;

    /// <summary>The configuration key that carries the command and its verb to <see cref="AdminStorage"/>, which audits it.</summary>
    internal const string CommandKey = "AdminCommand";

    private static readonly Dictionary<string, Func<string[], IConfiguration, TextWriter, TextWriter, Task<int>>> Commands = new(StringComparer.Ordinal)
    {
        [PracticeKeyCommand.Name] = PracticeKeyCommand.RunAsync,
        [VenueCommand.Name] = VenueCommand.RunAsync,
        [CoordinatorCommand.Name] = CoordinatorCommand.RunAsync,
        [EraseCommand.Name] = EraseCommand.RunAsync,
        [ExportCommand.Name] = ExportCommand.RunAsync,
        [VerifyAuditCommand.Name] = VerifyAuditCommand.RunAsync,
    };

    /// <summary>Runs the command <paramref name="args"/> start with, or returns null when they name none (the host starts).</summary>
    public static async Task<int?> TryRunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length == 0 || !Commands.TryGetValue(args[0], out var command))
        {
            return null;
        }

        // Words before the first --option are the command's verb (venue add, coordinator list); the rest is configuration.
        var words = args[1..].TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args[(1 + words.Length)..]).Build();
        configuration[CommandKey] = string.Join(' ', [args[0], .. words]); // audited when the command opens storage
        return await command(words, configuration, output, error);
    }
}
