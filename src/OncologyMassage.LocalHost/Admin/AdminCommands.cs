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

    private static readonly Dictionary<string, Func<string[], IConfiguration, TextWriter, TextWriter, Task<int>>> Commands = new(StringComparer.Ordinal)
    {
        [PracticeKeyCommand.Name] = PracticeKeyCommand.RunAsync,
        [VenueCommand.Name] = VenueCommand.RunAsync,
        [CoordinatorCommand.Name] = CoordinatorCommand.RunAsync,
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
        return await command(words, configuration, output, error);
    }
}
