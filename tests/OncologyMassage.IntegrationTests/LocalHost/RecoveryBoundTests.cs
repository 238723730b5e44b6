using Microsoft.Extensions.Configuration;
using OncologyMassage.LocalHost;
using OncologyMassage.LocalHost.Demo;
using OncologyMassage.LocalHost.Engine;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.IntegrationTests.LocalHost;

/// <summary>A deadline that closes a referral is never shorter than the time a restarted host takes to resume (docs/reliability.md).</summary>
public sealed class RecoveryBoundTests
{
    private static Task<Microsoft.AspNetCore.Builder.WebApplication> BuildAsync(IDictionary<string, string?> settings) =>
        LocalHostApp.BuildAsync([], b => b.Configuration.AddInMemoryCollection(settings), TestContext.Current.CancellationToken);

    [Fact]
    public async Task BuildAsync_IntakeDeadlineShorterThanRecovery_RefusesAndNamesTheSetting()
    {
        var refused = await Assert.ThrowsAsync<LocalHostRefusedException>(() => BuildAsync(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Workflow:IntakeExpiresAfter"] = "00:00:30",
        }));

        Assert.Contains("Workflow:IntakeExpiresAfter", refused.Message, StringComparison.Ordinal);
        Assert.Contains("LocalHost:RecoveryBound", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BoundShorterThanTheVisibilityTimeouts_Refuses()
    {
        var options = new LocalHostOptions { RecoveryBound = TimeSpan.FromSeconds(20), ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(30) };

        var refused = Assert.Throws<LocalHostRefusedException>(() => RecoveryBound.Check(options, new WorkflowOptions()));

        Assert.Contains("ControlQueueVisibilityTimeout", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DefaultsAndDemoTimings_Pass()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(DemoSettings.Defaults(new ConfigurationBuilder().Build())).Build();
        var demo = configuration.GetSection(WorkflowOptions.SectionName).Get<WorkflowOptions>()!;

        RecoveryBound.Check(new LocalHostOptions(), new WorkflowOptions());
        RecoveryBound.Check(new LocalHostOptions(), demo);
        Assert.All(RecoveryBound.ClosingDeadlines(demo), d => Assert.True(d.Value >= new LocalHostOptions().RecoveryBound, d.Name));
    }

    [Fact]
    public void Check_BoundZero_IsOff()
    {
        var refused = Record.Exception(() =>
            RecoveryBound.Check(new LocalHostOptions { RecoveryBound = TimeSpan.Zero }, new WorkflowOptions { ReleaseExpiresAfter = TimeSpan.FromSeconds(1) }));

        Assert.Null(refused);
    }
}
