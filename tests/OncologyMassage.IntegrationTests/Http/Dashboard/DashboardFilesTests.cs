using OncologyMassage.Functions.Http.Dashboard;

namespace OncologyMassage.IntegrationTests.Http.Dashboard;

/// <summary>Which request paths map to a dashboard file: only plain files of served types inside the folder.</summary>
public sealed class DashboardFilesTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("om-dashboard-").FullName;

    public DashboardFilesTests()
    {
        File.WriteAllText(Path.Combine(root, "index.html"), "<!doctype html>");
        File.WriteAllText(Path.Combine(root, "app.js"), "export {};");
        File.WriteAllText(Path.Combine(root, ".secret.js"), "hidden");
        File.WriteAllText(Path.Combine(root, "notes.txt"), "not served");
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(root)!, Path.GetFileName(root) + "-sibling.js"), "outside");
    }

    public void Dispose()
    {
        Directory.Delete(root, recursive: true);
        File.Delete(Path.Combine(Path.GetDirectoryName(root)!, Path.GetFileName(root) + "-sibling.js"));
    }

    [Theory]
    [InlineData(null, "index.html", "text/html; charset=utf-8")]
    [InlineData("", "index.html", "text/html; charset=utf-8")]
    [InlineData("index.html", "index.html", "text/html; charset=utf-8")]
    [InlineData("app.js", "app.js", "text/javascript; charset=utf-8")]
    public void Resolve_ServedFile_ReturnsItsPathAndContentType(string? path, string file, string contentType)
    {
        var resolved = DashboardFiles.Resolve(root, path);

        Assert.Equal((Path.Combine(root, file), contentType), resolved);
    }

    [Theory]
    [InlineData("../" + "x.js")]
    [InlineData("..")]
    [InlineData("a/../../x.js")]
    [InlineData("/etc/passwd")]
    [InlineData("..\\x.js")]
    [InlineData(".secret.js")]
    [InlineData("notes.txt")]
    [InlineData("missing.js")]
    [InlineData("app.js/")]
    [InlineData("C:/Windows/win.ini")]
    public void Resolve_TraversalHiddenUnknownOrMissing_ReturnsNull(string path)
    {
        Assert.Null(DashboardFiles.Resolve(root, path));
    }

    [Fact]
    public void Resolve_SiblingFolderWithSamePrefix_ReturnsNull()
    {
        var sibling = "../" + Path.GetFileName(root) + "-sibling.js";

        Assert.Null(DashboardFiles.Resolve(root, sibling));
    }
}
