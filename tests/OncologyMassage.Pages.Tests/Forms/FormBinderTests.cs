using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using OncologyMassage.Pages.Forms;
using OncologyMassage.Pages.Release;

namespace OncologyMassage.Pages.Tests.Forms;

public sealed class FormBinderTests
{
    private static FormCollection Form(params (string Name, string[] Values)[] fields) =>
        new(fields.ToDictionary(f => f.Name, f => new StringValues(f.Values)));

    [Fact]
    public void Bind_TopLevelFields_FillTheModelByCamelCasedPropertyName()
    {
        var model = FormBinder.Bind<ReleaseFormModel>(Form(("decision", ["restrict"]), ("physicianName", ["  Dr. Rosa Demo "]), ("attest", ["yes"]),
            ("avoidPositions", ["Prone", " ", "Seated"])));

        Assert.Equal(("restrict", "Dr. Rosa Demo", true), (model.Decision, model.PhysicianName, model.Attest));
        Assert.Equal(["Prone", "Seated"], model.AvoidPositions);
        Assert.Null(model.Signature);
    }

    [Fact]
    public void Bind_RowsWithAGap_KeepEachRowAtItsPostedIndex()
    {
        var model = FormBinder.Bind<ReleaseFormModel>(Form(("sites[0].region", ["arm"]), ("sites[2].region", ["chest"]), ("sites[2].side", ["right"])));

        Assert.Equal(3, model.Sites.Count);
        Assert.Equal(("arm", null, "chest", "right"), (model.Sites[0].Region, model.Sites[1].Region, model.Sites[2].Region, model.Sites[2].Side));
    }

    [Fact]
    public void Bind_RowIndexPastTheLimit_IsIgnored()
    {
        var model = FormBinder.Bind<ReleaseFormModel>(Form(($"sites[{FormBinder.MaxRows}].region", ["arm"]), ("sites[99999999999].region", ["arm"])));

        Assert.Empty(model.Sites);
    }

    [Fact]
    public void Validate_ErrorInARow_IsKeyedByTheRowsFieldPath()
    {
        var model = FormBinder.Bind<ReleaseFormModel>(Form(("decision", ["restrict"]), ("sites[1].region", ["elbow"]),
            ("physicianName", ["Dr. Rosa Demo"]), ("signature", ["Dr. Rosa Demo"]), ("attest", ["yes"])));

        var (decision, errors) = model.Validate(Samples.At);

        Assert.Null(decision);
        Assert.Equal(["decision", "sites[1].region"], errors.ByField.Keys.Order());
        Assert.Equal("sites[1].region", FieldPath.Of(nameof(ReleaseFormModel.Sites), 1, nameof(SiteRow.Region)));
    }
}
