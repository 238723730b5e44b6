namespace OncologyMassage.Infra.Tests.Templates;

public sealed class MainTemplateTests
{
    [Theory]
    [InlineData("build")]
    [InlineData("lint")]
    public void MainBicep_BuildOrLint_ReportsNoDiagnostics(string command)
    {
        var args = command == "build"
            ? new[] { "build", BicepCli.InfraPath("main.bicep"), "--stdout" }
            : new[] { "lint", BicepCli.InfraPath("main.bicep") };

        var result = BicepCli.Run(args);

        // Bicep writes warnings and errors to stderr and exits 0 on warnings: any stderr output counts as a failure.
        Assert.True(result.ExitCode == 0 && result.StdErr.Trim().Length == 0, $"bicep {command} infra/main.bicep:\n{result.StdErr}");
    }
}
