using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Domain.Referrals;
using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace OncologyMassage.Fhir.Tests;

public sealed class ReferralResourcesTests(ValidatorFixture fixture) : IClassFixture<ValidatorFixture>
{
    private const string Id = "ref-0190d4c5a0b27e6f8a9b0c1d2e3f4a5b";
    private static readonly DateTimeOffset Created = new(2026, 11, 2, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ByStage_EveryStage_HasOneTaskStatus()
    {
        Assert.Equal(Enum.GetValues<Stage>().Order(), TaskStatuses.ByStage.Keys.Order());
    }

    [Theory]
    [InlineData(Stage.Received, FhirTask.TaskStatus.Received)]
    [InlineData(Stage.MdReleaseRequested, FhirTask.TaskStatus.Accepted)]
    [InlineData(Stage.NeedsMdInput, FhirTask.TaskStatus.OnHold)]
    [InlineData(Stage.SessionScheduled, FhirTask.TaskStatus.InProgress)]
    [InlineData(Stage.Completed, FhirTask.TaskStatus.Completed)]
    [InlineData(Stage.Declined, FhirTask.TaskStatus.Rejected)]
    [InlineData(Stage.Expired, FhirTask.TaskStatus.Failed)]
    [InlineData(Stage.Withdrawn, FhirTask.TaskStatus.Cancelled)]
    public void Task_Stage_SetsStatusAndBusinessStatus(Stage stage, FhirTask.TaskStatus expected)
    {
        var task = ReferralResources.Task(Referral(stage));

        Assert.Equal(expected, task.Status);
        Assert.Equal((FhirSystems.Stage, TaskStatuses.Code(stage)), (task.BusinessStatus!.Coding[0].System, task.BusinessStatus.Coding[0].Code));
    }

    [Fact]
    public void Code_MultiWordStage_IsKebabCase()
    {
        Assert.Equal("md-release-requested", TaskStatuses.Code(Stage.MdReleaseRequested));
    }

    [Fact]
    public void Task_Completed_OutputsTheFeedbackBundle()
    {
        var task = ReferralResources.Task(Referral(Stage.Completed));

        Assert.Equal($"Bundle/{Id}", ((ResourceReference)Assert.Single(task.Output).Value).Reference);
    }

    [Fact]
    public void Task_NotCompleted_HasNoOutput()
    {
        Assert.Empty(ReferralResources.Task(Referral(Stage.FollowUp)).Output);
    }

    [Theory]
    [InlineData(Stage.FollowUp)]
    [InlineData(Stage.Completed)]
    public void TaskAndServiceRequest_AnyStage_AreValidR4(Stage stage)
    {
        var issues = fixture.Validator.Validate(ReferralResources.Task(Referral(stage)))
            .Concat(fixture.Validator.Validate(ReferralResources.ServiceRequest(Referral(stage))));

        Assert.Empty(issues);
    }

    [Fact]
    public void Feedback_TwoSessions_OneObservationPerScoreGivenPlusSessionsGiven()
    {
        var sessions = new[]
        {
            Session(1, new SymptomRatings(pain: 6, anxiety: 5, nausea: 2, fatigue: 7), new SymptomRatings(pain: 3, anxiety: 2, nausea: 2, fatigue: 5)),
            Session(2, new SymptomRatings(pain: 5, anxiety: 4), new SymptomRatings(pain: 2)),
        };

        var bundle = ReferralResources.Feedback(Referral(Stage.Completed), sessions, Created.AddDays(40));

        var observations = bundle.Entry.Select(e => e.Resource).OfType<Observation>().ToArray();
        Assert.Equal(8 + 3 + 1, observations.Length);
        Assert.Equal(4, observations.Count(o => o.Code.Coding.Any(c => c.System == FhirSystems.Loinc && c.Code == FhirSystems.LoincPainScore)));
        Assert.Equal(2, Assert.IsType<Integer>(observations.Single(o => o.Code.Coding[0].Code == "sessions-given").Value).Value);
        Assert.IsType<Composition>(bundle.Entry[0].Resource);
    }

    [Fact]
    public void Feedback_RatingNotGiven_IsLeftOutNotZero()
    {
        var bundle = ReferralResources.Feedback(Referral(Stage.Completed), [Session(1, new SymptomRatings(pain: 4), SymptomRatings.None)], Created.AddDays(9));

        var scores = bundle.Entry.Select(e => e.Resource).OfType<Observation>().Where(o => o.Code.Coding[0].Code != "sessions-given");
        Assert.Equal(["pain-before"], scores.Select(o => o.Code.Coding[0].Code));
    }

    [Fact]
    public void Feedback_Document_IsValidR4()
    {
        var bundle = ReferralResources.Feedback(Referral(Stage.Completed),
            [Session(1, new SymptomRatings(pain: 6, fatigue: 7), new SymptomRatings(pain: 3, fatigue: 5))], Created.AddDays(20));

        var issues = fixture.Validator.Validate(bundle);

        Assert.True(issues.Count == 0, string.Join("\n", issues.Select(i => $"{i.Expression}: {i.Diagnostics}")));
    }

    [Fact]
    public void Feedback_SameInput_SameFullUrls()
    {
        var sessions = new[] { Session(1, new SymptomRatings(pain: 6), new SymptomRatings(pain: 3)) };

        var first = ReferralResources.Feedback(Referral(Stage.Completed), sessions, Created.AddDays(20));
        var again = ReferralResources.Feedback(Referral(Stage.Completed), sessions, Created.AddDays(21));

        Assert.Equal(first.Entry.Select(e => e.FullUrl), again.Entry.Select(e => e.FullUrl));
    }

    [Fact]
    public void Statement_Metadata_IsValidR4()
    {
        var issues = fixture.Validator.Validate(Capabilities.Statement("https://om.example/api/fhir/r4"));

        Assert.True(issues.Count == 0, string.Join("\n", issues.Select(i => $"{i.Expression}: {i.Diagnostics}")));
    }

    private static SessionOutcome Session(int number, SymptomRatings pre, SymptomRatings post) =>
        new(Id, $"{Id}:{number}", "harbor-infusion-center", Created.AddDays(7 * number), pre, post);

    private static FhirReferral Referral(Stage stage) => new(
        Id,
        new Referral(
            new ClientDetails("Ada", "Sample", new DateOnly(1968, 4, 12), "+16175550143", "ada.sample@example.org", ContactChannel.Sms, "America/New_York"),
            new OncologistDetails("Dr. Rosa Demo", "Harbor Oncology Associates", "rosa.demo@example.org", "+16175550100"),
            "harbor-infusion-center",
            ServiceType.OncologyMassage,
            new ClinicalSummary("Breast cancer", [], []),
            null,
            3),
        stage,
        Created,
        Created.AddDays(1));
}
