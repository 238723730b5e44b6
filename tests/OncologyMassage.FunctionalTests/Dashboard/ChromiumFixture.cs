using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(OncologyMassage.FunctionalTests.Dashboard.ChromiumFixture))]

namespace OncologyMassage.FunctionalTests.Dashboard;

/// <summary>
/// One headless Debian Chromium for the whole test assembly (a launch costs two to four seconds on the shared machine),
/// driven by Microsoft.Playwright with no downloaded browser. It is an assembly fixture started on first use, so a run
/// of tests that need no browser launches none; each test opens its own context (cookies, storage, routes) and closes it.
/// Without Chromium the tests are skipped with the install command, or fail when CI=true.
/// </summary>
public sealed class ChromiumFixture : IAsyncDisposable
{
    /// <summary>Debian's Chromium, or the browser named by CHROMIUM_PATH (e.g. to try the skip on a machine that has it).</summary>
    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public const string MissingReason = "Chromium not found: run `apt-get update && apt-get install -y chromium`";

    private readonly SemaphoreSlim launching = new(1, 1);
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The browser (launched by the first test that asks), or the test ends here: skipped on a developer machine without Chromium, failed on CI.</summary>
    public async Task<IBrowser> BrowserAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(MissingReason);
            }

            Assert.Skip(MissingReason);
        }

        await launching.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (browser is null)
            {
                playwright = await Playwright.CreateAsync();
                browser = await playwright.Chromium.LaunchAsync(new()
                {
                    ExecutablePath = ExecutablePath,
                    Headless = true,
                    Args = ["--disable-dev-shm-usage"],
                });
            }

            return browser;
        }
        finally
        {
            launching.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        launching.Dispose();
    }

    /// <summary>Where screenshots go: TestResults/ beside the test assembly.</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
