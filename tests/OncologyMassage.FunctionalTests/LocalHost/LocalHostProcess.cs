using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost.Azurite;

namespace OncologyMassage.FunctionalTests.LocalHost;

/// <summary>
/// The local host as the README runs it (`dotnet run --project src/OncologyMassage.LocalHost`), started from its build
/// output as a separate process with its own Azurite data folder, a free port, and its console captured.
/// </summary>
public sealed partial class LocalHostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private LocalHostProcess(Process process) => this.process = process;

    public Uri BaseAddress { get; private set; } = null!;

    public int AzuritePid { get; private set; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static async Task<LocalHostProcess> StartAsync(string dataFolder, params string[] args)
    {
        var configuration = typeof(LocalHostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var root = RepositoryRoot.Find();
        var dll = Path.Combine(root, "src", "OncologyMassage.LocalHost", "bin", configuration, "net10.0", "OncologyMassage.LocalHost.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll }.Concat(args).Concat(["--urls", "http://127.0.0.1:0", $"--LocalHost:DataPath={dataFolder}"]))
        {
            start.ArgumentList.Add(arg);
        }

        var host = new LocalHostProcess(Process.Start(start)!);
        host.process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host.process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();

        var url = await host.WaitForOutputAsync(RunningOn(), TimeSpan.FromSeconds(90));
        host.BaseAddress = new Uri(url.Groups[1].Value + "/");
        // No Azurite of its own when it was given a storage connection string (e.g. the crash suite's fault proxy).
        if (AzuritePidLine().Match(host.Output) is { Success: true } azurite)
        {
            host.AzuritePid = int.Parse(azurite.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return host;
    }

    /// <summary>Waits until the console shows a line matching <paramref name="pattern"/>; fails at once if the host exits first.</summary>
    public async Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        try
        {
            return await Eventually.UntilAsync(
                () =>
                {
                    var match = pattern.Match(Output);
                    return !match.Success && process.HasExited
                        ? throw new InvalidOperationException($"The local host exited before it printed /{pattern}/. Its console:\n{Output}")
                        : Task.FromResult(match);
                },
                match => match.Success,
                $"the local host printing /{pattern}/",
                timeout);
        }
        catch (TimeoutException timedOut)
        {
            throw new TimeoutException($"{timedOut.Message} Its console:\n{Output}", timedOut);
        }
    }

    /// <summary>Stops the host as Ctrl+C or a service manager would (SIGTERM, handled like SIGINT by the .NET host).</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(timeout);
        return process.ExitCode;
    }

    /// <summary>Kills the host process alone (SIGKILL), as a crash would: nothing of its shutdown runs, its Azurite is left to its watchdog.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: false); // a no-op when it has just exited (killed from the vendor stub, see CrashSuiteTests)
        }

        process.WaitForExit();
    }

    public static bool IsRunning(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        if (AzuritePid != 0 && IsRunning(AzuritePid))
        {
            using var azurite = Process.GetProcessById(AzuritePid);
            azurite.Kill();
        }
    }

    private void Append(string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    [GeneratedRegex(@"local host is running on (http://\S+)")]
    private static partial Regex RunningOn();

    [GeneratedRegex(@"Azurite \(pid (\d+)\)")]
    private static partial Regex AzuritePidLine();
}
