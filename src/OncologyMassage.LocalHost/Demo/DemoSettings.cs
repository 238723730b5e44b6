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
            ["Workflow:MdQuestionExpiresAfter"] = "00:05:00",
            ["Workflow:IntakeReminderAfter"] = "00:01:00",
            ["Workflow:IntakeExpiresAfter"] = "00:05:00",
            ["Workflow:SchedulingReminderAfter"] = "00:02:00",
            ["Workflow:SchedulingExpiresAfter"] = "00:10:00",
            ["Workflow:ConsentReminderAfter"] = "00:02:00",
            ["Workflow:FirstFollowUpAfter"] = "00:00:05",
            ["Workflow:SecondFollowUpAfter"] = "00:00:10",
            ["Workflow:ThirdFollowUpAfter"] = "00:00:15",
            ["Workflow:FollowUpReplyWindow"] = "00:00:30",
            // Quiet hours off, so the demo moves at any time of day (they are on by default: 21:00-08:00 client time).
            ["Workflow:QuietHoursStart"] = "00:00:00",
            ["Workflow:QuietHoursEnd"] = "00:00:00",
        };

        // Settings given on the command line or in the environment win over the demo's.
        return defaults.Where(d => string.IsNullOrEmpty(configuration[d.Key]) || d.Key == "LocalHost:Demo");
    }
}
