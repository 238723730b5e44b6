using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Functions.Http;
using OncologyMassage.Infrastructure.Tables;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.LocalHost.Demo;
using OncologyMassage.Workflow.Answers;
using OncologyMassage.Workflow.Forms;
using OncologyMassage.Workflow.Links;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.IntegrationTests.Engine;

/// <summary>
/// No answer is lost between store and raise: each form (release, hold answer, intake, consent, survey, withdrawal) and
/// an SMS reply is submitted through the real function or handler and stores, with a workflow client whose raise fails
/// (the flow killed between store and raise). The person still gets the thank-you, nothing is taken back, and the
/// pending-event sweep delivers the answer to the real engine: the journey moves on. It keeps a host of its own: the sweep
/// (settle time 0) raises what is pending on the whole host and the test counts what it raised, so another journey's
/// pending answer on the same host would change the count.
/// </summary>
public sealed class AnswerDeliveryTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Workflow:FirstFollowUpAfter"] = "00:00:01",
        ["Workflow:SecondFollowUpAfter"] = "00:00:01",
        ["Workflow:ThirdFollowUpAfter"] = "00:00:02",
        ["Workflow:FollowUpReplyWindow"] = "00:00:30",
        ["PendingEvents:SettleAfter"] = "00:00:00",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The host's services, except that everything that stores an answer and raises its event (the relay and the handlers
    /// and functions built on it) reaches the engine through a client whose raise fails: the flow killed between store
    /// and raise. Everything else (stores, links, the sweep) is the host's own.
    /// </summary>
    private sealed class FailingRaiseServices(IServiceProvider host) : IServiceProvider
    {
        private static readonly HashSet<Type> Rebuilt =
            [typeof(AnswerRelay), typeof(ReleaseAnswerHandler), typeof(IntakeAnswerHandler), typeof(ConsentAnswerHandler), typeof(FollowUpSurvey), typeof(InboundSms)];

        private readonly IReferralWorkflowClient failing = FailingWorkflow();

        public object? GetService(Type serviceType) =>
            serviceType == typeof(IReferralWorkflowClient) ? failing
            : Rebuilt.Contains(serviceType) ? ActivatorUtilities.CreateInstance(this, serviceType)
            : host.GetService(serviceType);

        private static IReferralWorkflowClient FailingWorkflow()
        {
            var workflow = new Mock<IReferralWorkflowClient>(MockBehavior.Strict);
            workflow.Setup(c => c.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object>(), It.IsAny<CancellationToken>()))
                .ThrowsAsync(new InvalidOperationException("engine unavailable"));
            return workflow.Object;
        }
    }

    /// <summary>The host's services, as a real request has them (the page-view audit reads its log from there).</summary>
    private IServiceProvider? requestServices;

    private HttpRequest Post(IDictionary<string, string> fields)
    {
        var context = new DefaultHttpContext { RequestServices = requestServices! };
        context.Request.Method = "POST";
        context.Request.ContentType = "application/x-www-form-urlencoded";
        var body = string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return context.Request;
    }

    private static string Token(string link) => link.Split('/')[^1];

    private static int Status(Microsoft.AspNetCore.Mvc.IActionResult result) => result switch
    {
        HtmlResult html => html.StatusCode,
        ApiResult api => api.StatusCode,
        _ => throw new InvalidOperationException(result.GetType().Name),
    };

    /// <summary>The answer was stored and is pending; the journey did not move; the sweep raises it; the journey reaches <paramref name="next"/>.</summary>
    private static async Task SweepDeliversAsync(TestHost host, string id, Stage waiting, Stage next)
    {
        var pending = await host.App.Services.GetRequiredService<IPendingEventStore>().ListAsync(Ct);
        Assert.Contains(pending, p => p.Answer.ReferralId == id);
        Assert.Equal(waiting, (await host.WaitForStageAsync(id, waiting)).Stage);

        var raised = await host.App.Services.GetRequiredService<PendingEventSweep>().SweepAsync(Ct);

        Assert.True(raised >= 1);
        await host.WaitForStageAsync(id, next, TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(await host.App.Services.GetRequiredService<IPendingEventStore>().ListAsync(Ct), p => p.Answer.ReferralId == id);
    }

    [Fact]
    public async Task EveryFormAndSms_RaiseFailsAfterStoring_SweepDeliversAndTheJourneyMovesOn()
    {
        await using var host = await TestHost.StartAsync(azurite, Settings);
        requestServices = host.App.Services;
        using var people = new HttpClient { BaseAddress = host.Http.BaseAddress };
        using var phone = await host.SignInAsync(CoordinatorHost.HarborCoordinator); // the simulated phone needs a coordinator's sign-in
        var actors = new ReferralActors(people, host.App.Services.GetRequiredService<IMessageOutbox>(), phone: phone);
        var services = new FailingRaiseServices(host.App.Services);
        using var posted = await host.PostReferralAsync(Samples.Referral(r => r["sessionsAuthorised"] = 1)); // one session: then the survey
        posted.EnsureSuccessStatusCode();
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        await host.WaitForStageAsync(id, Stage.MdReleaseRequested);

        // Release.
        var release = ActivatorUtilities.CreateInstance<ReleaseFormFunctions>(services);
        var releaseLink = ReferralActors.LinkIn(await actors.MessageAsync(id, ":md-release:1", Ct), LinkPurposes.Release);
        Assert.Equal(200, Status(await release.SubmitReleaseForm(Post(ReferralActors.Signature("approve")), Token(releaseLink), null!, Ct)));
        await SweepDeliversAsync(host, id, Stage.MdReleaseRequested, Stage.IntakePending);

        // Intake (with a fever, so the plan holds and the oncologist is asked).
        var intake = ReferralActors.Intake(DateOnly.FromDateTime(DateTime.UtcNow));
        intake["today.temperatureCelsius"] = "38.6";
        var intakeFunctions = ActivatorUtilities.CreateInstance<IntakeFormFunctions>(services);
        var intakeLink = ReferralActors.LinkIn(await actors.MessageAsync(id, ":intake:1", Ct), LinkPurposes.Intake);
        Assert.Equal(200, Status(await intakeFunctions.SubmitIntakeForm(Post(intake), Token(intakeLink), null!, Ct)));
        await SweepDeliversAsync(host, id, Stage.IntakePending, Stage.NeedsMdInput);

        // The same intake sent again is thanked again; a changed one is refused; neither is stored twice.
        using (var again = await ClientLinks.PostFormAsync(host, intakeLink, intake))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        using (var changed = await ClientLinks.PostFormAsync(host, intakeLink, new Dictionary<string, string>(intake) { ["goals"] = "Something else" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        }

        Assert.Single(await host.RowsAsync(StorageTables.Intakes));

        // Hold answer.
        var questionLink = ReferralActors.LinkIn(await actors.MessageAsync(id, k => k.Contains(":md-question:", StringComparison.Ordinal), "md-question", Ct), LinkPurposes.MdQuestion);
        Assert.Equal(200, Status(await release.SubmitMdQuestionForm(Post(ReferralActors.Signature("approve")), Token(questionLink), null!, Ct)));
        await SweepDeliversAsync(host, id, Stage.NeedsMdInput, Stage.SchedulingPending);

        // SMS reply choosing a slot.
        await actors.MessageAsync(id, ":slots:1:1", Ct);
        var sms = await services.GetRequiredService<InboundSms>().HandleAsync(new InboundSmsMessage("SMdelivery1", "+16175550143", "2"), Ct);
        Assert.Equal(InboundSmsOutcome.Routed, sms.Outcome);
        await SweepDeliversAsync(host, id, Stage.SchedulingPending, Stage.ConsentPending);

        // Consent.
        var consent = ActivatorUtilities.CreateInstance<ConsentFormFunctions>(services);
        var consentLink = ReferralActors.LinkIn(await actors.MessageAsync(id, ":consent:1", Ct), LinkPurposes.Consent);
        Assert.Equal(200, Status(await consent.SubmitConsentForm(Post(ReferralActors.Consent("Ada Sample")), Token(consentLink), null!, Ct)));
        await SweepDeliversAsync(host, id, Stage.ConsentPending, Stage.SessionScheduled);

        // Session, then the +24 h reply as usual, then the survey.
        using var therapist = await host.SignInAsync(CoordinatorHost.HarborCoordinator);
        using (var session = await therapist.PostAsync($"api/referrals/{id}/sessions", System.Net.Http.Json.JsonContent.Create(new
        {
            pressureUsed = 2, sitesAvoided = Array.Empty<string>(), position = "supine",
            pre = new { pain = 4, anxiety = 6, nausea = 2, fatigue = 7 }, post = new { pain = 2, anxiety = 3, nausea = 1, fatigue = 5 },
        }), Ct))
        {
            Assert.Equal(HttpStatusCode.Created, session.StatusCode);
        }

        var first = await actors.ReplyToTextAsync(id, ":sms24h-1", "pain 2", Ct);
        first.Dispose();
        var survey = ActivatorUtilities.CreateInstance<SurveyFormFunctions>(services);
        var surveyLink = ReferralActors.LinkIn(await actors.MessageAsync(id, ":survey-1", Ct), LinkPurposes.Survey);
        Assert.Equal(200, Status(await survey.SubmitSurveyForm(Post(new Dictionary<string, string> { ["pain"] = "1" }), Token(surveyLink), null!, Ct)));
        var raised = await host.App.Services.GetRequiredService<PendingEventSweep>().SweepAsync(Ct);
        Assert.Equal(1, raised);
        await actors.MessageAsync(id, ":sms30d-1", Ct); // the survey was heard: the workflow went on to the +30 day text

        // Withdrawal.
        Assert.Equal(200, Status(await consent.SubmitConsentWithdrawal(Post(new Dictionary<string, string> { ["reason"] = "Too tired" }),
            Token(consentLink), null!, Ct)));
        await SweepDeliversAsync(host, id, Stage.FollowUp, Stage.Withdrawn);
    }
}
