using OncologyMassage.Domain.Venues;
using OncologyMassage.Pages.Consent;
using OncologyMassage.Pages.Forms;
using OncologyMassage.Pages.Layout;

namespace OncologyMassage.Pages.Tests.Consent;

public sealed class ConsentPageTests
{
    private static Venue Venue(VenueType type) => new("harbor", "Harbor Wellness", type, "America/New_York", "Cambridge and Somerville", "c@example.org",
        new ConsentDocument("2026-11", "Consent to oncology massage", "Line one <b>bold</b>\nLine two"), []);

    private static Task<string> RenderAsync(Venue venue, ConsentFormModel? form = null, FormErrors? errors = null) =>
        PageRenderer.Standalone.RenderAsync<ConsentPage>(new Dictionary<string, object?>
        {
            [nameof(ConsentPage.GivenName)] = "Ada",
            [nameof(ConsentPage.Venue)] = venue,
            [nameof(ConsentPage.Form)] = form ?? new ConsentFormModel(),
            [nameof(ConsentPage.Errors)] = errors ?? FormErrors.None,
            [nameof(ConsentPage.RespondBy)] = Samples.At,
        });

    [Fact]
    public async Task Render_Document_IsShownEncodedWithItsVersionInAHiddenField()
    {
        var html = await RenderAsync(Venue(VenueType.InfusionCenter));

        Assert.Contains("<div class=\"doc\" id=\"document\">Line one &lt;b&gt;bold&lt;/b&gt;&#xA;Line two</div>", html, StringComparison.Ordinal);
        Assert.Matches("<input type=\"hidden\" name=\"documentVersion\" value=\"2026-11\"[^>]*>", html);
        Assert.DoesNotContain("visitAddress", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_InHomeVenueWithErrors_AsksForTheAddressAndMarksTheFields()
    {
        var venue = Venue(VenueType.InHome);
        var errors = new ConsentFormModel { SignerName = "Ada Sample" }.Validate(venue);

        var html = await RenderAsync(venue, errors: errors);

        Assert.Equal(["agree", "visitAddress"], errors.ByField.Keys.Order());
        Assert.Contains("<textarea id=\"visitAddress\" name=\"visitAddress\" aria-invalid=\"true\" aria-describedby=\"visitAddress-hint visitAddress-error\">", html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"error\" id=\"agree-error\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WithdrawalReasonTooLong_IsKeyedByTheReasonField()
    {
        var errors = new WithdrawalFormModel { Reason = new string('x', WithdrawalFormModel.MaxReasonLength + 1) }.Validate();

        Assert.Equal("reason", Assert.Single(errors.ByField).Key);
    }
}
