using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using OncologyMassage.Domain.Venues;
using OncologyMassage.Functions.Http;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Orchestrations;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>
/// When the orchestration cannot be told (the engine is down), a stored form is taken back so the link works again:
/// the real functions and stores, with a durable client that fails.
/// </summary>
public sealed class FormEventFailureTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestHost host = null!;

    public async ValueTask InitializeAsync() =>
        host = await TestHost.StartAsync(azurite);

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private static DurableTaskClient FailingClient()
    {
        var client = new Mock<DurableTaskClient>("failing");
        client.Setup(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("engine unavailable"));
        return client.Object;
    }

    private static HttpRequest Post(string fields)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(fields));
        return context.Request;
    }

    private static string Token(string link) => link.Split('/')[^1];

    [Fact]
    public async Task SubmitIntakeForm_RaisingFails_TakesTheIntakeBackSoTheLinkWorksAgain()
    {
        var id = await ClientLinks.SubmitReferralAsync(host);
        var functions = ActivatorUtilities.CreateInstance<IntakeFormFunctions>(host.App.Services);
        var token = Token(ClientLinks.Link(host, LinkPurposes.Intake, id));

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            functions.SubmitIntakeForm(Post("cancerType=Lymphoma"), token, FailingClient(), TestContext.Current.CancellationToken));

        Assert.Empty(await host.RowsAsync(StorageTables.Intakes));
        using var retry = await ClientLinks.PostFormAsync(host, ClientLinks.Link(host, LinkPurposes.Intake, id), [new("cancerType", "Lymphoma")]);
        Assert.Equal(System.Net.HttpStatusCode.OK, retry.StatusCode);
    }

    [Fact]
    public async Task SubmitConsentForm_RaisingFails_TakesTheSignatureBack()
    {
        await host.App.Services.GetRequiredService<IVenueStore>().UpsertAsync(new Venue("harbor-infusion-center", "Harbor", VenueType.InfusionCenter,
            "America/New_York", "1 Main St", "c@example.org", new ConsentDocument("1", "Consent", "Text"), [new TherapistAvailability("t-1", "Therapist One", [new WeeklyWindow(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0))])]), TestContext.Current.CancellationToken);
        var id = await ClientLinks.SubmitReferralAsync(host);
        var functions = ActivatorUtilities.CreateInstance<ConsentFormFunctions>(host.App.Services);

        await Assert.ThrowsAsync<InvalidOperationException>(() => functions.SubmitConsentForm(Post("signerName=Ada+Sample&agree=yes&documentVersion=1"),
            Token(ClientLinks.Link(host, LinkPurposes.Consent, id)), FailingClient(), TestContext.Current.CancellationToken));

        Assert.Empty(await host.RowsAsync(StorageTables.Consents));
    }
}
