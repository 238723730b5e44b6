using Microsoft.Playwright;
using OncologyMassage.Functions.Http;

namespace OncologyMassage.FunctionalTests.Pages;

/// <summary>
/// One browser context and page at a phone's width (390 × 844) for a test class, showing each test's rendered HTML with
/// the pages' own CSP. A class fixture: each test opens a new document in the same page, instead of a context of its own
/// (a renderer process, 2–3 s of CPU on the shared machine). The pages keep no cookies or storage; the document and its
/// HTML are the test's own.
/// </summary>
public sealed class RenderedPageTab : IAsyncDisposable
{
    public const string Url = "https://pages.test/link";

    private IBrowserContext? context;
    private IPage? page;
    private volatile string? html;

    /// <summary>Serves <paramref name="rendered"/> at <see cref="Url"/> and opens it; the page stays open for the test.</summary>
    public async Task<IPage> OpenAsync(IBrowser browser, string rendered)
    {
        ArgumentNullException.ThrowIfNull(browser);
        if (page is null || page.IsClosed)
        {
            if (context is not null)
            {
                await context.DisposeAsync();
            }

            context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
            await context.RouteAsync("https://pages.test/**", route => html is { } body
                ? route.FulfillAsync(new()
                {
                    Status = 200,
                    ContentType = "text/html; charset=utf-8",
                    Body = body,
                    Headers = new Dictionary<string, string> { ["Content-Security-Policy"] = HtmlResult.ContentSecurityPolicy },
                })
                : route.AbortAsync());
            page = await context.NewPageAsync();
        }

        html = rendered;
        await page.GotoAsync(Url);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (context is not null)
        {
            await context.DisposeAsync();
        }
    }
}
