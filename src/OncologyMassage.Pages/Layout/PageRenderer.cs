using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OncologyMassage.Pages.Layout;

/// <summary>
/// Renders a page component to an HTML string (<see cref="HtmlRenderer"/>, static rendering: no circuit, no scripts), for
/// any HTTP handler to return. Razor encodes every value; only <see cref="PageStyles"/> is written raw.
/// </summary>
public sealed class PageRenderer(IServiceProvider services, ILoggerFactory loggerFactory)
{
    /// <summary>A renderer with no services of its own (the pages need none): for tests and tools.</summary>
    public static PageRenderer Standalone { get; } = new(new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance);

    /// <summary>Renders <typeparamref name="TComponent"/> with the parameters named by its properties.</summary>
    public async Task<string> RenderAsync<TComponent>(IReadOnlyDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        ArgumentNullException.ThrowIfNull(parameters);
        await using var renderer = new HtmlRenderer(services, loggerFactory);
        var language = PageLanguage.Current; // the request's choice, carried onto the renderer's dispatcher
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            PageLanguage.Set(language);
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters.ToDictionary()));
            return output.ToHtmlString();
        });
    }

    /// <summary>A page with a heading and one paragraph (thank-you pages and refusals).</summary>
    public Task<string> MessageAsync(string title, string text) =>
        RenderAsync<MessagePage>(new Dictionary<string, object?> { [nameof(MessagePage.Title)] = title, [nameof(MessagePage.Text)] = text });
}
