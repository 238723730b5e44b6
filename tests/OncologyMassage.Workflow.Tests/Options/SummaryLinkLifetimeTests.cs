using System.ComponentModel.DataAnnotations;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.Workflow.Tests.Options;

/// <summary>The care-team summary link is a bearer credential to a client's outcomes: it lives 14 days at most.</summary>
public sealed class SummaryLinkLifetimeTests
{
    [Fact]
    public void WorkflowOptions_Default_SummaryLinkValidFor14DaysAndPassedToTheWorkflow()
    {
        var options = new WorkflowOptions();

        Assert.Equal((TimeSpan.FromDays(14), TimeSpan.FromDays(14)), (options.SummaryLinkValidFor, options.ToTimings().SummaryLinkValidFor));
    }

    [Fact]
    public void WorkflowTimings_Default_SummaryLinkValidFor14Days() =>
        Assert.Equal(TimeSpan.FromDays(14), new WorkflowTimings(TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromSeconds(1)).SummaryLinkValidFor);

    [Theory]
    [InlineData("7.00:00:00", true)]
    [InlineData("14.00:00:00", true)]
    [InlineData("14.00:00:01", false)]
    [InlineData("90.00:00:00", false)]
    public void WorkflowOptions_SummaryLinkValidFor_ValidOnlyUpTo14Days(string validFor, bool valid)
    {
        var options = new WorkflowOptions { SummaryLinkValidFor = TimeSpan.Parse(validFor, System.Globalization.CultureInfo.InvariantCulture) };

        var ok = Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true);

        Assert.Equal(valid, ok);
    }
}
