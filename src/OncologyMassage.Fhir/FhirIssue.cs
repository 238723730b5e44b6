using Hl7.Fhir.Model;

namespace OncologyMassage.Fhir;

/// <summary>One problem with a FHIR request, where it is (a FHIRPath expression into the request) and what to do.</summary>
/// <param name="Expression">FHIRPath of the element, e.g. <c>Bundle.entry[1].resource.birthDate</c>.</param>
/// <param name="Diagnostics">What is wrong, for the sender: names rules and elements, never echoes clinical values.</param>
/// <param name="Code">The FHIR issue type.</param>
/// <param name="Severity">error unless said otherwise.</param>
public sealed record FhirIssue(
    string Expression,
    string Diagnostics,
    OperationOutcome.IssueType Code = OperationOutcome.IssueType.Invalid,
    OperationOutcome.IssueSeverity Severity = OperationOutcome.IssueSeverity.Error);

/// <summary>OperationOutcome from issues: one issue each, with its expression.</summary>
public static class FhirOutcomes
{
    public static OperationOutcome From(IEnumerable<FhirIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var outcome = new OperationOutcome();
        foreach (var issue in issues)
        {
            outcome.Issue.Add(new OperationOutcome.IssueComponent
            {
                Severity = issue.Severity,
                Code = issue.Code,
                Diagnostics = issue.Diagnostics,
                Expression = [issue.Expression],
            });
        }

        return outcome;
    }

    /// <summary>One issue about the request as a whole (no element to point at).</summary>
    public static OperationOutcome One(OperationOutcome.IssueType code, string diagnostics) => new()
    {
        Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = code, Diagnostics = diagnostics }],
    };
}
