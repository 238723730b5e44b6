using System.Globalization;

namespace OncologyMassage.LocalHost.Demo;

/// <summary>Demo mode shortens the workflow's waits so that something moves within a minute or two.</summary>
public static class DemoSettings
{
    public static IEnumerable<KeyValuePair<string, string?>> Defaults(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = new Dictionary<string, string?>
        {
            ["LocalHost:Demo"] = "true",
            ["Workflow:ReleaseReminderAfter"] = TimeSpan.FromSeconds(20).ToString("c", CultureInfo.InvariantCulture),
            ["Workflow:ReleaseExpiresAfter"] = TimeSpan.FromSeconds(75).ToString("c", CultureInfo.InvariantCulture),
            ["Workflow:ActivityRetryInterval"] = TimeSpan.FromSeconds(1).ToString("c", CultureInfo.InvariantCulture),
        };

        // Settings given on the command line or in the environment win over the demo's.
        return defaults.Where(d => string.IsNullOrEmpty(configuration[d.Key]) || d.Key == "LocalHost:Demo");
    }
}
