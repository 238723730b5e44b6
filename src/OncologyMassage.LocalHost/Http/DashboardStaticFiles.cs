using Microsoft.Extensions.FileProviders;
using OncologyMassage.Functions.Http.Dashboard;

namespace OncologyMassage.LocalHost.Http;

/// <summary>
/// The coordinators' dashboard at the local host's root URL: the Functions project's wwwroot, copied to this host's
/// output, with the same headers the Functions app sends. (The Functions route /api/dashboard/ is mapped here too.)
/// </summary>
public static class DashboardStaticFiles
{
    public static WebApplication UseDashboardAtRoot(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!Directory.Exists(DashboardFiles.Root))
        {
            return app;
        }

        var files = new PhysicalFileProvider(DashboardFiles.Root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = "" });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = "",
            OnPrepareResponse = context => DashboardFiles.ApplyHeaders(context.Context.Response.Headers),
        });
        return app;
    }
}
