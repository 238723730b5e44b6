using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OncologyMassage.LocalHost.Azurite;

/// <summary>
/// Starts Azurite (the npm devDependency pinned in the repository's package.json) on free loopback ports, waits until
/// its endpoints answer, and stops exactly the process it started. Used by the local host and by the tests.
/// </summary>
public static class AzuriteLauncher
{
    /// <summary>Azurite's well-known development account key (public, documented by Microsoft; not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>
    /// Runs azurite.js in this node process and, when the parent (the .NET host) is gone, saves Azurite's databases and
    /// exits. Azurite keeps its metadata (every table row, queue message and blob entry) in LokiJS databases in memory
    /// and writes them to disk every 5 s, so exiting without a save loses writes the host had already been told were
    /// stored. The watchdog remembers each database Azurite saves (all of them save once at start-up), saves them all
    /// when the host disappears (killed, crashed), then exits; a fallback exit after 10 s keeps a failing save from
    /// outliving the host. A write to the dead host's closed pipes (EPIPE) is ignored so that it cannot crash the save.
    /// SIGTERM (the host's graceful stop, after its engine has stopped) takes the same path: save, then exit. Azurite's own
    /// SIGTERM handler only closes its servers, and with the host's connections it was still running 15 s later, when the
    /// host gave up and killed it, losing the last seconds of writes; a graceful stop took 17–19 s.
    /// Closing a server also drops its open connections, so that a graceful stop (SIGTERM) never waits for kept-alive ones.
    /// </summary>
    private const string Watchdog = """
        const [parent, script, ...args] = process.argv.slice(1);
        for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
        const Loki = require(require.resolve('lokijs', { paths: [require('path').dirname(script)] }));
        const databases = new Set(), save = Loki.prototype.saveDatabase;
        Loki.prototype.saveDatabase = function (...a) { databases.add(this); return save.apply(this, a); };
        const http = require('http'), close = http.Server.prototype.close;
        http.Server.prototype.close = function (...a) { const r = close.apply(this, a); this.closeAllConnections(); return r; };
        let stopping = false;
        const saveAndExit = () => {
          if (stopping) return;
          stopping = true;
          clearInterval(watch);
          setTimeout(() => process.exit(0), 10000).unref();
          let pending = databases.size;
          const saved = () => { if (--pending <= 0) process.exit(0); };
          if (pending === 0) process.exit(0);
          for (const db of databases) { try { save.call(db, saved); } catch { saved(); } }
        };
        const watch = setInterval(() => {
          try { process.kill(Number(parent), 0); } catch { saveAndExit(); }
        }, 250);
        watch.unref();
        process.on('SIGTERM', saveAndExit);
        process.argv = [process.argv[0], script, ...args];
        require(script);
        """;

    /// <summary>Starts Azurite with its data in <paramref name="dataFolder"/> (created if missing).</summary>
    public static async Task<AzuriteInstance> StartAsync(string dataFolder, CancellationToken cancellationToken = default)
    {
        var root = RepositoryRoot.Find();
        var script = await EnsureInstalledAsync(root, cancellationToken);
        Directory.CreateDirectory(dataFolder);
        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());

        // setsid: Azurite gets its own session, so a Ctrl+C in the terminal reaches only the host, which stops the engine
        // first and Azurite last (Azurite closing first would hang the engine's shutdown). The watchdog ends Azurite
        // when the host process disappears without stopping it (killed, crashed).
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "node", "-e", Watchdog, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            script, "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl", "--location", dataFolder,
            "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var instance = new AzuriteInstance(process, dataFolder, blob, queue, table);
        try
        {
            await WaitUntilListeningAsync(process, [blob, queue, table], output, cancellationToken);
        }
        catch
        {
            await instance.DisposeAsync();
            throw;
        }

        return instance;
    }

    private static async Task<string> EnsureInstalledAsync(string root, CancellationToken cancellationToken)
    {
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (File.Exists(script))
        {
            return script;
        }

        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(script))
            {
                // node_modules is missing: run `npm ci` once, as the README says.
                var npm = new ProcessStartInfo("npm") { WorkingDirectory = root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
                npm.ArgumentList.Add("ci");
                npm.ArgumentList.Add("--no-audit");
                npm.ArgumentList.Add("--no-fund");
                Process? process;
                try
                {
                    process = Process.Start(npm);
                }
                catch (System.ComponentModel.Win32Exception ex)
                {
                    throw new InvalidOperationException($"Azurite is not installed and npm was not found. Install Node.js 20+, then run `npm ci` in {root}.", ex);
                }

                using (process)
                {
                    var stderr = process!.StandardError.ReadToEndAsync(cancellationToken);
                    _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
                    await process.WaitForExitAsync(cancellationToken);
                    if (process.ExitCode != 0 || !File.Exists(script))
                    {
                        throw new InvalidOperationException($"`npm ci` failed in {root} (exit {process.ExitCode}); run it by hand to see why.\n{await stderr}");
                    }
                }
            }

            return script;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task WaitUntilListeningAsync(Process process, int[] ports, StringBuilder output, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        foreach (var port in ports)
        {
            while (true)
            {
                if (process.HasExited)
                {
                    string log;
                    lock (output) { log = output.ToString(); }
                    throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before it answered:\n{log}");
                }

                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100, cancellationToken);
                }
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A running Azurite process. Disposing stops it (and only it).</summary>
public sealed class AzuriteInstance(Process process, string dataFolder, int blobPort, int queuePort, int tablePort) : IAsyncDisposable
{
    public string DataFolder { get; } = dataFolder;

    public int ProcessId { get; } = process.Id;

    public string ConnectionString { get; } =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={AzuriteLauncher.AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    /// <summary>
    /// Stops Azurite gracefully (SIGTERM) so that it writes its table database to disk — a killed Azurite loses the
    /// writes of its last few seconds — and kills it only if it does not exit in time.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                if (!OperatingSystem.IsWindows())
                {
                    using var term = Process.Start("kill", ["-TERM", ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                    await term.WaitForExitAsync();
                }

                try
                {
                    await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
                }
                catch (TimeoutException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }
}
