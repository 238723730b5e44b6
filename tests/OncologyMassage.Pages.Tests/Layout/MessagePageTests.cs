using OncologyMassage.Pages.Layout;

namespace OncologyMassage.Pages.Tests.Layout;

public sealed class MessagePageTests
{
    [Fact]
    public async Task MessageAsync_AnyText_RendersOneDocumentWithTheSharedStylesAndNoScript()
    {
        var html = await PageRenderer.Standalone.MessageAsync("Thank you", "Recorded.");

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html, StringComparison.Ordinal);
        Assert.Contains("<style>" + PageStyles.Css + "</style>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<h1>Thank you</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageAsync_MarkupInTheText_IsEncoded()
    {
        var html = await PageRenderer.Standalone.MessageAsync("<b>Title</b>", "<script>alert(1)</script>");

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<title>&lt;b&gt;Title&lt;/b&gt;</title>", html, StringComparison.Ordinal);
    }
}
