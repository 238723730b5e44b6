using Microsoft.Playwright;

namespace OncologyMassage.FunctionalTests.Dashboard;

/// <summary>
/// One headless Debian Chromium per test class (a launch costs about two seconds), driven by Microsoft.Playwright with
/// no downloaded browser. Without Chromium the tests are skipped with the install command, or fail when CI=true.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium, or the browser named by CHROMIUM_PATH (e.g. to try the skip on a machine that has it).</summary>
    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public const string MissingReason = "Chromium not found: run `apt-get update && apt-get install -y chromium`";

    private IPlaywright? playwright;
    private IBrowser? browser;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            return;
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--disable-dev-shm-usage"],
        });
    }

    /// <summary>The browser, or the test ends here: skipped on a developer machine without Chromium, failed on CI.</summary>
    public IBrowser Browser
    {
        get
        {
            if (browser is null)
            {
                if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                {
                    Assert.Fail(MissingReason);
                }

                Assert.Skip(MissingReason);
            }

            return browser;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }

    /// <summary>Where screenshots go: TestResults/ beside the test assembly.</summary>
    public static string ScreenshotPath(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}
