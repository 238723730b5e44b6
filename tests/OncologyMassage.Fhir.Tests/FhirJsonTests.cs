namespace OncologyMassage.Fhir.Tests;

public sealed class FhirJsonTests
{
    [Fact]
    public void Parse_ValidBundle_ReturnsTheBundle()
    {
        var (resource, issues) = FhirJson.Parse(ExampleBundles.Bytes("referral-transaction.json"));

        Assert.IsType<Hl7.Fhir.Model.Bundle>(resource);
        Assert.Empty(issues);
    }

    [Fact]
    public void Parse_WrongTypesAndUnknownElements_NamesEachWithItsPath()
    {
        var (resource, issues) = FhirJson.Parse(ExampleBundles.Bytes("broken-unparseable.json"));

        Assert.Null(resource);
        Assert.Contains(issues, i => i.Expression.Contains("birthDate", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Expression.Contains("favouriteColour", StringComparison.Ordinal) || i.Diagnostics.Contains("favouriteColour", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("[]")]
    [InlineData("{\"resourceType\":\"NoSuchThing\"}")]
    [InlineData("")]
    public void Parse_NotFhirJson_ReturnsIssuesNotAnException(string body)
    {
        var (resource, issues) = FhirJson.Parse(System.Text.Encoding.UTF8.GetBytes(body));

        Assert.Null(resource);
        Assert.NotEmpty(issues);
    }
}
