using Microsoft.DurableTask.Client;
using OncologyMassage.Functions.Http;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Infrastructure.Configuration;
using OncologyMassage.Infrastructure.Venues;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Ports;
using OncologyMassage.Workflow.Durable;
using OncologyMassage.LocalHost.Azurite;
using OncologyMassage.LocalHost.Demo;
using OncologyMassage.LocalHost.Dev;
using OncologyMassage.LocalHost.Engine;
using OncologyMassage.LocalHost.Http;

namespace OncologyMassage.LocalHost;

/// <summary>
/// Builds the local host: Azurite (unless a storage connection string is given), the Durable Task engine on the Azure
/// Storage backend, the shared services, and the Functions app's HTTP functions on the same routes. The tests build it
/// the same way with their own configuration.
/// </summary>
public static partial class LocalHostApp
{
    public const string DefaultUrl = "http://localhost:7071";

    public const string DemoSwitch = "--demo";

    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        // --demo is a switch, not a key: the command-line configuration would take the next argument as its value.
        var demo = args.Contains(DemoSwitch);
        args = args.Where(a => a != DemoSwitch).ToArray();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (demo)
        {
            builder.Configuration.AddInMemoryCollection(DemoSettings.Defaults(builder.Configuration));
        }

        builder.Logging.AddPathSafeFilters(); // no request path (it may hold a link token) in any log line
        configure?.Invoke(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var options = builder.Configuration.GetSection(LocalHostOptions.SectionName).Get<LocalHostOptions>() ?? new LocalHostOptions();
        var urls = builder.Configuration["urls"] is { Length: > 0 } configuredUrls ? configuredUrls
            : builder.Configuration["ASPNETCORE_URLS"] is { Length: > 0 } environmentUrls ? environmentUrls : DefaultUrl;
        if (!options.AllowRemote && RemoteAddresses(urls) is { Count: > 0 } remote)
        {
            // Before Azurite starts: nothing to clean up.
            throw new LocalHostRefusedException(
                $"The local host refuses to listen on {string.Join(", ", remote)}: it serves a development sign-in and demo data, so by default it "
                + "binds to loopback only (e.g. --urls http://localhost:7071). To reach it from other machines on purpose, add --LocalHost:AllowRemote=true.");
        }

        // Before Azurite starts too: a deadline shorter than recovery would expire referrals because the host was down.
        RecoveryBound.Check(options, builder.Configuration.GetSection(WorkflowOptions.SectionName).Get<WorkflowOptions>() ?? new WorkflowOptions());

        AzuriteInstance? azurite = null;
        var connectionString = options.StorageConnectionString;
        string? dataPath = null;
        if (string.IsNullOrEmpty(connectionString))
        {
            dataPath = options.DataPath ?? Path.Combine(RepositoryRoot.Find(), ".localhost-data", "azurite");
            azurite = await AzuriteLauncher.StartAsync(dataPath, cancellationToken);
            connectionString = azurite.ConnectionString;
        }

        if (string.IsNullOrEmpty(builder.Configuration["Links:SigningKey"]))
        {
            // One key per deployment, kept with its data: links already sent survive a restart.
            builder.Configuration["Links:SigningKey"] = dataPath is not null
                ? LocalSigningKey.InDataFolder(dataPath)
                : await LocalSigningKey.InStorageAsync(connectionString, builder.Configuration["Storage:TablePrefix"] ?? "", cancellationToken);
        }

        if (string.IsNullOrEmpty(builder.Configuration["Links:PublicBaseUrl"]))
        {
            var url = (builder.Configuration["urls"] ?? DefaultUrl).Split(';')[0];
            builder.Configuration["Links:PublicBaseUrl"] = url.Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal);
        }

        // The simulated phone (dev outbox only) signs its replies like Twilio; with no token configured, one per run.
        var devPhone = DevPhone.IsEnabled(builder.Configuration);
        if (devPhone && string.IsNullOrEmpty(builder.Configuration["Twilio:AuthToken"]))
        {
            builder.Configuration["Twilio:AuthToken"] = DevPhone.NewDevAuthToken();
        }

        if (devPhone)
        {
            builder.Services.AddHttpClient(DevPhone.HttpClientName);
            builder.Services.AddSingleton(new SimulatedSmsCarrier("dev phone")); // it signs like Twilio: the SMS webhooks stay open
        }

        // Demo data and the development routes exist only on the emulator (the Azurite started here, or a loopback
        // emulator named by --LocalHost:StorageConnectionString); pointed at a real account, the host serves neither.
        var emulator = azurite is not null || EmulatorStorage.IsEmulator(connectionString);
        builder.Configuration[AppSettings.HostStorage] = connectionString;
        builder.Services.AddSingleton(options);
        builder.Services.AddOncologyMassageHttp(builder.Configuration);
        var storageRetry = StorageRetryOptions.From(builder.Configuration);
        builder.Services.AddSingleton(sp => new LocalEngineSettings(connectionString, options.TaskHubName, options.WorkerId)
        {
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,
            ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
            StorageRetry = storageRetry,
            StoragePolicies = [.. sp.GetServices<EngineStoragePolicy>().Select(p => p.Policy)],
        });
        builder.Services.AddSingleton<LocalDurableEngine>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LocalDurableEngine>());
        builder.Services.AddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<LocalDurableEngine>().Client);
        builder.Services.AddSingleton<IDurableClientSource>(sp => new FixedDurableClientSource(sp.GetRequiredService<LocalDurableEngine>().Client)); // Workflow's IReferralWorkflowClient uses the engine's client
        builder.Services.AddHostedService<PendingEventSweeper>(); // the Functions app's SweepPendingEvents timer
        builder.Services.AddHostedService<OutboxReconciler>(); // the Functions app's ReconcileOutbox timer
        builder.Services.AddHostedService<OrphanReferralSweeper>(); // the Functions app's SweepOrphanReferrals timer
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OncologyMassage.Workflow.Referrals.AfterAnswerWork>()); // registered after the engine, so it drains the starts after the answer before the engine stops
        // Every background loop catches and logs its own failures; should one still escape, it is logged and the host keeps serving.
        builder.Services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
        builder.Services.AddHostedService<PrivacyJobs>(); // purge and retention, as the Functions app's PrivacyTimers
        builder.Services.AddProblemDetails();
        if (emulator)
        {
            builder.Services.AddSingleton<DevSessionCookie>(); // coordinators' development sign-in (issue #7), local host on the emulator only
            builder.Services.AddSingleton<ICoordinatorSessionReader>(sp => sp.GetRequiredService<DevSessionCookie>());
        }

        if (options.Demo && emulator)
        {
            builder.Services.AddHostedService<DemoReferrals>();
        }

        var app = builder.Build();
        var startup = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LocalHost");
        if (emulator)
        {
            await SeedDemoPracticeAsync(app, cancellationToken);
            await DemoVenues.SeedAsync(app.Services.GetRequiredService<IVenueStore>(), cancellationToken); // the README's curl sample needs its venue
            await DevSignIn.SeedDemoCoordinatorsAsync(app.Services, cancellationToken);
        }
        else
        {
            LogNotEmulator(startup);
        }

        app.UseRouteTemplateRequestLog();
        app.Use((context, next) =>
        {
            SecurityHeaders.Apply(context); // nosniff, no-store on JSON and HTML, HSTS over https: as the Functions app
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDashboardAtRoot(); // the coordinators' dashboard at "/"
        app.UseCallerGate(); // who may call each function, decided before it runs: as the Functions app's CallerGateMiddleware
        var routePrefix = FunctionRouteMapper.ReadRoutePrefix(Path.Combine(AppContext.BaseDirectory, "host.json"));
        app.MapHttpFunctions(typeof(ReferralFunctions).Assembly, routePrefix);
        if (devPhone && emulator)
        {
            app.MapDevPhone(routePrefix);
        }

        if (emulator)
        {
            app.MapDevSignIn(routePrefix);
        }

        if (azurite is not null)
        {
            // Stop exactly the Azurite this host started, after the engine has stopped.
            app.Lifetime.ApplicationStopped.Register(() => azurite.DisposeAsync().AsTask().GetAwaiter().GetResult());
            LogAzurite(startup, azurite.ProcessId, azurite.DataFolder);
        }

        return app;
    }

    /// <summary>The local host always has the demo practice, with the key from <c>Demo:PracticeApiKey</c> (default "demo-practice-key").</summary>
    private static Task SeedDemoPracticeAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var key = app.Configuration["Demo:PracticeApiKey"] is { Length: > 0 } configured ? configured : DemoReferrals.PracticeApiKey;
        return app.Services.GetRequiredService<IPracticeKeyStore>().AddKeyAsync(DemoReferrals.Practice, key, cancellationToken);
    }

    /// <summary>The addresses in <paramref name="urls"/> (semicolon-separated) that are not loopback: wildcards and other hosts.</summary>
    public static IReadOnlyList<string> RemoteAddresses(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(url => !EmulatorStorage.IsLoopback(url.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal)))
            .ToArray();
    }

    [LoggerMessage(EventId = 9101, Level = LogLevel.Warning, Message = "Storage is not the local emulator (devstoreaccount1 on a loopback address): no demo data is seeded and the development routes (sign-in, outbox, phone) are off")]
    private static partial void LogNotEmulator(ILogger logger);

    [LoggerMessage(EventId = 9100, Level = LogLevel.Information, Message = "Azurite (pid {Pid}) keeps its data in {DataFolder}; stop the host and delete that folder to start afresh")]
    private static partial void LogAzurite(ILogger logger, int pid, string dataFolder);
}
