using System.Text.Json;
using Microsoft.Playwright;
using OncologyMassage.LocalHost.Azurite;

namespace OncologyMassage.FunctionalTests.Dashboard;

/// <summary>axe-core in a page opened by <see cref="ChromiumFixture"/>'s browser: the dashboard's views and the client pages.</summary>
internal static class Axe
{
    private static readonly Lazy<string?> Script = new(() =>
    {
        var axe = Path.Combine(RepositoryRoot.Find(), "node_modules", "axe-core", "axe.min.js");
        return File.Exists(axe) ? File.ReadAllText(axe) : null;
    });

    /// <summary>Runs axe-core (node_modules/axe-core, an npm devDependency) for WCAG 2.x A and AA; one line per violation.</summary>
    public static async Task<string[]> RunAsync(IPage page)
    {
        // Read once per run (half a megabyte); 13 tests run it.
        Assert.True(Script.Value is not null, "node_modules/axe-core/axe.min.js is missing: run `npm ci` in the repository root.");
        await page.EvaluateAsync(Script.Value); // evaluated by the driver: not an inline script, so the page's CSP stays on
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
              return r.violations.map(v => `${v.id}: ${v.help} -> ${v.nodes.map(n => n.target.join(' ')).join(', ')}`);
            }
            """);
        return result.EnumerateArray().Select(v => v.GetString()!).ToArray();
    }
}
