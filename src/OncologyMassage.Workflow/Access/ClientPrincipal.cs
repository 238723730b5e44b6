using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OncologyMassage.Workflow.Access;

/// <summary>
/// The user App Service authentication (Easy Auth) validated and forwarded in the <c>x-ms-client-principal</c> header:
/// base64 of <c>{ "auth_typ", "name_typ", "role_typ", "claims": [ { "typ", "val" } ] }</c>. The header is only
/// trustworthy behind App Service authentication, which strips it from incoming requests; the app reads it only when
/// <c>Auth:TrustAppServicePrincipal</c> is true.
/// </summary>
public sealed record ClientPrincipal(string AuthType, string? ObjectId, string? Email, string? Name)
{
    public const string Header = "x-ms-client-principal";

    /// <summary>Largest header accepted (App Service's are a few KB).</summary>
    public const int MaxHeaderLength = 16 * 1024;

    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    private static readonly string[] EmailClaims =
        ["preferred_username", "email", "emails", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "upn",
         "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"];

    /// <summary>
    /// Parses the header; null when it is missing, too long, not base64, not the expected JSON, without an
    /// authentication type, or without the Entra object id, the one claim that identifies the user (the e-mail is
    /// informational only: it is never used to match a coordinator).
    /// </summary>
    public static ClientPrincipal? TryParse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > MaxHeaderLength)
        {
            return null;
        }

        var bytes = new byte[header.Length];
        if (!Convert.TryFromBase64String(header.Trim(), bytes, out var written))
        {
            return null;
        }

        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(Encoding.UTF8.GetString(bytes, 0, written));
        }
        catch (JsonException)
        {
            return null;
        }

        if (payload is null || string.IsNullOrWhiteSpace(payload.AuthType) || payload.Claims is null)
        {
            return null;
        }

        var claims = payload.Claims.Where(c => !string.IsNullOrWhiteSpace(c.Type) && !string.IsNullOrWhiteSpace(c.Value)).ToArray();
        string? First(params string[] types) =>
            types.Select(t => claims.FirstOrDefault(c => string.Equals(c.Type, t, StringComparison.OrdinalIgnoreCase))?.Value).FirstOrDefault(v => v is not null);

        var objectId = First(ObjectIdClaim, "oid");
        var email = First(EmailClaims);
        if (email is not null && !email.Contains('@', StringComparison.Ordinal))
        {
            email = null;
        }

        return objectId is null
            ? null
            : new ClientPrincipal(payload.AuthType, objectId, email, First(payload.NameType ?? "name", "name"));
    }

    private sealed record Payload(
        [property: JsonPropertyName("auth_typ")] string? AuthType,
        [property: JsonPropertyName("name_typ")] string? NameType,
        [property: JsonPropertyName("claims")] IReadOnlyList<Claim>? Claims);

    private sealed record Claim([property: JsonPropertyName("typ")] string? Type, [property: JsonPropertyName("val")] string? Value);
}
