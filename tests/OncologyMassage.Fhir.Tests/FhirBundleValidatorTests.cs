using System.Diagnostics;

namespace OncologyMassage.Fhir.Tests;

/// <summary>The core R4 validator; one instance for the class, as the app holds one for the process.</summary>
public sealed class FhirBundleValidatorTests(ValidatorFixture fixture) : IClassFixture<ValidatorFixture>
{
    [Theory]
    [InlineData("referral-transaction.json")]
    [InlineData("referral-message.json")]
    public void Validate_ExampleReferral_HasNoErrors(string name)
    {
        var issues = fixture.Validator.Validate(ExampleBundles.Parse(name));

        Assert.True(issues.Count == 0, string.Join("\n", issues.Select(i => $"{i.Expression}: {i.Diagnostics}")));
    }

    [Fact]
    public void Validate_BrokenCoreRules_NamesEachProblemByItsPath()
    {
        var issues = fixture.Validator.Validate(ExampleBundles.Parse("broken-not-r4.json"));

        Assert.Contains(issues, i => i.Expression.StartsWith("Bundle.entry[0].resource", StringComparison.Ordinal) && i.Diagnostics.Contains("intent", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(issues, i => i.Diagnostics.Contains("bdl-3", StringComparison.Ordinal) || i.Expression.Contains("entry[3]", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AfterTheFirstCall_TakesUnderASecondPerBundle()
    {
        var bundle = ExampleBundles.Parse("referral-transaction.json");
        var clock = Stopwatch.StartNew();
        fixture.Validator.Validate(bundle);
        var firstBundle = clock.Elapsed;

        clock.Restart();
        for (var i = 0; i < 5; i++)
        {
            fixture.Validator.Validate(bundle);
        }

        var each = clock.Elapsed / 5;
        TestContext.Current.TestOutputHelper?.WriteLine($"Loading the core definitions: {fixture.FirstUse.TotalSeconds:0.0} s; the first referral Bundle: {firstBundle.TotalSeconds:0.0} s; each one after: {each.TotalMilliseconds:0} ms");
        Assert.True(each < TimeSpan.FromSeconds(1), $"{each.TotalMilliseconds:0} ms per Bundle");
    }
}

/// <summary>Loads the definitions once for the test class and reports how long that took.</summary>
public sealed class ValidatorFixture
{
    public ValidatorFixture()
    {
        var clock = Stopwatch.StartNew();
        Validator.Warm();
        Validator.Validate(new Hl7.Fhir.Model.Bundle { Type = Hl7.Fhir.Model.Bundle.BundleType.Collection });
        FirstUse = clock.Elapsed;
    }

    public FhirBundleValidator Validator { get; } = new();

    public TimeSpan FirstUse { get; }
}
