using System.Text;
using System.Text.Json;
using OncologyMassage.Workflow.Access;

namespace OncologyMassage.Workflow.Tests.Access;

public sealed class ClientPrincipalTests
{
    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    private static string Encode(object payload) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(payload)));

    private static string Header(string authType, params (string Type, string Value)[] claims) =>
        Encode(new { auth_typ = authType, name_typ = "name", role_typ = "roles", claims = claims.Select(c => new { typ = c.Type, val = c.Value }) });

    [Fact]
    public void TryParse_EntraPrincipal_ReadsObjectIdEmailAndName()
    {
        var header = Header("aad", (ObjectIdClaim, "0f1e2d3c-0000-4000-8000-000000000001"), ("preferred_username", "hana@harbor.example"), ("name", "Hana Reyes"));

        var principal = ClientPrincipal.TryParse(header);

        Assert.Equal(new ClientPrincipal("aad", "0f1e2d3c-0000-4000-8000-000000000001", "hana@harbor.example", "Hana Reyes"), principal);
    }

    [Fact]
    public void TryParse_ShortOidAndEmailClaims_AreAccepted()
    {
        var principal = ClientPrincipal.TryParse(Header("aad", ("oid", "abc"), ("email", "a@b.example")));

        Assert.Equal(("abc", "a@b.example"), (principal?.ObjectId, principal?.Email));
    }

    [Fact]
    public void TryParse_EmailClaimWithoutAt_IsIgnored()
    {
        var principal = ClientPrincipal.TryParse(Header("aad", ("oid", "abc"), ("preferred_username", "not-an-email")));

        Assert.Null(principal?.Email);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not base64!")]
    [InlineData("bm90IGpzb24=")] // "not json"
    [InlineData("W10=")] // "[]"
    public void TryParse_NotAPrincipal_ReturnsNull(string? header)
    {
        Assert.Null(ClientPrincipal.TryParse(header));
    }

    [Fact]
    public void TryParse_WithoutAuthType_ReturnsNull()
    {
        Assert.Null(ClientPrincipal.TryParse(Header("", ("oid", "abc"))));
    }

    [Fact]
    public void TryParse_WithoutIdentifyingClaims_ReturnsNull()
    {
        Assert.Null(ClientPrincipal.TryParse(Header("aad", ("name", "Someone"), ("roles", "admin"))));
    }

    [Fact]
    public void TryParse_EmailWithoutObjectId_ReturnsNull()
    {
        Assert.Null(ClientPrincipal.TryParse(Header("aad", ("preferred_username", "hana.reyes@harbor.example"), ("name", "Hana Reyes"))));
    }

    [Fact]
    public void TryParse_TooLongHeader_ReturnsNull()
    {
        var header = Header("aad", ("oid", "abc"), ("name", new string('x', ClientPrincipal.MaxHeaderLength)));

        Assert.Null(ClientPrincipal.TryParse(header));
    }
}
