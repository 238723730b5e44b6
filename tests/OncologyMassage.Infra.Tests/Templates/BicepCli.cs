using System.Diagnostics;
using System.Text.Json.Nodes;

namespace OncologyMassage.Infra.Tests.Templates;

/// <summary>
/// Runs the Bicep CLI that eng/bicep.sh installs into tools/bicep/bin. When it is missing, a test fails under CI
/// (CI=true) with the command to run, and is skipped elsewhere so a plain <c>dotnet test</c> still works offline.
/// </summary>
internal static class BicepCli
{
    public const string InstallCommand = "eng/bicep.sh";

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string InfraPath(string relative) => Path.Combine(RepoRoot, "infra", relative);

    /// <summary>Path of the CLI, or fails/skips the calling test when it is not installed.</summary>
    public static string RequireCli()
    {
        var path = Path.Combine(RepoRoot, "tools", "bicep", "bin", "bicep");
        if (File.Exists(path))
        {
            return path;
        }

        var message = $"The Bicep CLI is not installed at {path}: run {InstallCommand} (or `{InstallCommand} --install`) first.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Skip($"run {InstallCommand} ({message})");
        return path;
    }

    private static readonly Lazy<JsonNode> MainTemplate = new(() => Build(InfraPath("main.bicep")));

    /// <summary>infra/main.bicep compiled once per test run (a build takes seconds); callers must not modify it.</summary>
    public static JsonNode BuildMainTemplate()
    {
        RequireCli();
        return MainTemplate.Value;
    }

    /// <summary>Compiles a .bicep file to its ARM JSON template.</summary>
    public static JsonNode Build(string bicepFile)
    {
        var result = Run("build", bicepFile, "--stdout");
        Assert.True(result.ExitCode == 0, $"bicep build {bicepFile} failed:\n{result.StdErr}");
        return JsonNode.Parse(result.StdOut) ?? throw new InvalidOperationException("bicep build wrote no JSON.");
    }

    public static CliResult Run(params string[] args)
    {
        var startInfo = new ProcessStartInfo(RequireCli())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoRoot,
        };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("bicep did not start.");
        var stdOut = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdErr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"bicep {string.Join(' ', args)} did not finish within 2 minutes.");
        }

        return new CliResult(process.ExitCode, stdOut.GetAwaiter().GetResult(), stdErr.GetAwaiter().GetResult());
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OncologyMassage.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No OncologyMassage.Functions.sln above {AppContext.BaseDirectory}.");
    }
}

internal sealed record CliResult(int ExitCode, string StdOut, string StdErr);
