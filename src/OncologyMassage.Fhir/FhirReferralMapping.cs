using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OncologyMassage.Domain.Referrals;

namespace OncologyMassage.Fhir;

/// <summary>
/// A referral Bundle read into the JSON API's <see cref="ReferralRequest"/>, with where each field came from, so that the
/// domain's validation errors (named by JSON path) can be answered as OperationOutcome issues at FHIRPath expressions.
/// </summary>
public sealed class FhirReferralMapping
{
    private readonly IReadOnlyDictionary<string, string> sources;

    internal FhirReferralMapping(ReferralRequest? request, IReadOnlyList<FhirIssue> issues, string? idempotencyKey, IReadOnlyDictionary<string, string> sources)
    {
        Request = request;
        Issues = issues;
        IdempotencyKey = idempotencyKey;
        this.sources = sources;
    }

    /// <summary>The referral as the JSON API would receive it; null when the Bundle's shape is wrong (see <see cref="Issues"/>).</summary>
    public ReferralRequest? Request { get; private set; }

    /// <summary>Problems with the Bundle's shape (no ServiceRequest, no venue …): the referral is not submitted.</summary>
    public IReadOnlyList<FhirIssue> Issues { get; }

    public bool IsValid => Request is not null && Issues.Count == 0;

    /// <summary>From the Bundle's identifier, else the ServiceRequest's: the same referral for the same identifier.</summary>
    public string? IdempotencyKey { get; }

    /// <summary>Whether the Bundle said the client's time zone (else the venue's applies).</summary>
    public bool HasClientTimeZone => Request?.Client?.TimeZone is not null;

    /// <summary>Fills in the client's time zone when the Bundle carries none: the venue's.</summary>
    public void DefaultTimeZone(string venueTimeZone)
    {
        if (Request is { Client: { TimeZone: null } client } request)
        {
            Request = request with { Client = client with { TimeZone = venueTimeZone } };
        }
    }

    /// <summary>
    /// A hash of what the Bundle asks for (the mapped request, not the bytes): a resend with a new Bundle.timestamp is the
    /// same request; a different referral under the same identifier is not.
    /// </summary>
    public string RequestHash() =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(Request, HashJson)));

    /// <summary>The domain's errors (JSON path → messages) as issues at the elements they came from.</summary>
    public IReadOnlyList<FhirIssue> IssuesFor(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors
            .SelectMany(e => e.Value.Select(message => new FhirIssue(ExpressionFor(e.Key), message, Hl7.Fhir.Model.OperationOutcome.IssueType.BusinessRule)))
            .ToArray();
    }

    /// <summary>The FHIRPath of the element a JSON path came from: the longest recorded prefix, else the ServiceRequest.</summary>
    public string ExpressionFor(string jsonPath)
    {
        ArgumentNullException.ThrowIfNull(jsonPath);
        for (var path = jsonPath; path.Length > 0; path = Parent(path))
        {
            if (sources.TryGetValue(path, out var expression))
            {
                return expression;
            }
        }

        return sources.TryGetValue("", out var root) ? root : "Bundle";
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }

    private static readonly JsonSerializerOptions HashJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    internal static string KeyFor(string? system, string value)
    {
        var key = $"fhir|{system}|{value}";
        return key.Length <= 255 ? key : "fhir-sha256|" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
