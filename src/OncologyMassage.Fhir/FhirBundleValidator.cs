using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace OncologyMassage.Fhir;

/// <summary>
/// Validates a resource against the core R4 StructureDefinitions (specification.zip from Hl7.Fhir.Specification.Data.R4)
/// with Firely's validator: cardinalities, types, invariants and the bindings the core value sets can check locally.
/// The definitions are loaded once per process, on first use, and shared by every instance (they never change while the
/// process runs; docs/fhir.md, "Validation cost").
/// </summary>
#pragma warning disable CA1822 // instance members, so callers take the validator from DI (and tests can hold their own)
public sealed class FhirBundleValidator
{
    private static readonly Lazy<Validator> SharedValidator = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Error and fatal issues only: warnings (e.g. a LOINC code the local terminology cannot look up) do not refuse a referral.</summary>
    public IReadOnlyList<FhirIssue> Validate(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var outcome = SharedValidator.Value.Validate(resource, $"http://hl7.org/fhir/StructureDefinition/{resource.TypeName}");
        return outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => new FhirIssue(
                i.Expression.FirstOrDefault() ?? i.Location.FirstOrDefault() ?? resource.TypeName,
                // The message is in details.text; Firely's diagnostics hold the definition path it was checking.
                string.Join(" ", new[] { i.Details?.Text, i.Diagnostics }.Where(t => !string.IsNullOrWhiteSpace(t))) is { Length: > 0 } text
                    ? text : "The element does not conform to FHIR R4.",
                i.Code ?? OperationOutcome.IssueType.Invalid))
            .ToArray();
    }

    /// <summary>Loads the validator now (at start-up) instead of on the first referral.</summary>
    public void Warm() => _ = SharedValidator.Value;

    private static Validator Create()
    {
        var definitions = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(definitions, new LocalTerminologyService(definitions));
    }
}
#pragma warning restore CA1822
