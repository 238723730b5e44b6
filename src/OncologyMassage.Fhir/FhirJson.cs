using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Hl7.Fhir.Validation;

namespace OncologyMassage.Fhir;

/// <summary>FHIR JSON in and out (R4 POCOs, System.Text.Json based): a body either parses or gives located issues.</summary>
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";

    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());

    /// <summary>The deserializer's checks of content rather than form: the core validator reports these, as 422.</summary>
    private static readonly HashSet<string> ContentChecks =
    [
        CodedValidationException.INCORRECT_CARDINALITY_MIN_CODE,
        CodedValidationException.INCORRECT_CARDINALITY_MAX_CODE,
        CodedValidationException.MANDATORY_ELEMENT_MUST_BE_PRESENT_CODE,
        CodedValidationException.INVALID_CODED_VALUE_CODE,
        CodedValidationException.INVALID_STRING_LENGTH_CODE,
        CodedValidationException.LITERAL_INVALID_CODE,
        CodedValidationException.POSITIVE_INT_MUST_BE_POSITIVE_CODE,
        CodedValidationException.UNSIGNED_INT_MUST_NOT_BE_NEGATIVE_CODE,
    ];

    /// <summary>The resource, or the issues that keep the body from being read as FHIR JSON (a 400).</summary>
    public static (Resource? Resource, IReadOnlyList<FhirIssue> Issues) Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            _ = Deserializer.TryDeserializeResource(ref reader, out var resource, out var errors);

            // Only what keeps the body from being read (bad JSON, wrong types, unknown elements) fails parsing; the
            // deserializer's own content checks (cardinality, patterns) are left to the validator, which answers them as
            // 422 with the rest of the content problems.
            var issues = errors.Where(e => !ContentChecks.Contains(e.ErrorCode)).Select(ToIssue).ToArray();
            if (resource is not null && issues.Length == 0)
            {
                return (resource, []);
            }

            return (null, issues.Length > 0 ? issues : [new FhirIssue("", "The body is not a FHIR resource.", OperationOutcome.IssueType.Structure)]);
        }
        catch (JsonException ex)
        {
            return (null, [new FhirIssue("", $"The body is not valid JSON (line {ex.LineNumber + 1}).", OperationOutcome.IssueType.Structure)]);
        }
        catch (DeserializationFailedException ex)
        {
            return (null, ex.Exceptions.Select(ToIssue).ToArray());
        }
        catch (InvalidOperationException)
        {
            // The deserializer's answer to JSON that is no object at all (an array, a bare value).
            return (null, [new FhirIssue("", "The body must be a JSON object with a resourceType.", OperationOutcome.IssueType.Structure)]);
        }
    }

    public static string Serialize(Resource resource) => resource.ToJson();

    private static FhirIssue ToIssue(CodedException error) => error is ExtendedCodedException located
        ? new FhirIssue(located.InstancePath ?? "", $"{located.BaseErrorMessage} (line {located.LineNumber}, position {located.Position})", OperationOutcome.IssueType.Structure)
        : new FhirIssue("", error.Message, OperationOutcome.IssueType.Structure);
}
