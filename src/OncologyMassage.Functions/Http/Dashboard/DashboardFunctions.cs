using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OncologyMassage.Functions.Http.Access;

namespace OncologyMassage.Functions.Http.Dashboard;

/// <summary>
/// Serves the dashboard's static files at <c>/api/dashboard/</c> in the Functions app. Anonymous: the files hold no data,
/// and every API call the page makes is authenticated. Unknown paths and traversal attempts are 404 problem details.
/// </summary>
public sealed class DashboardFunctions
{
    [Function(nameof(GetDashboardFile))]
    [Anonymous("The dashboard's static files hold no data; every API call the page makes is authenticated.")]
    public Task<IActionResult> GetDashboardFile(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Dashboard)] HttpRequest request,
        string? path)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(path) && !(request.Path.Value ?? "").EndsWith('/'))
        {
            // The page's relative links (app.css, app.js, the API at ../) need the trailing slash.
            // (A body-less ApiResult rather than RedirectResult: that one needs MVC's executors, which the local host lacks.)
            return Task.FromResult<IActionResult>(new ApiResult(StatusCodes.Status302Found, null)
                .WithHeader("Location", $"{request.PathBase}{request.Path}/"));
        }

        var file = DashboardFiles.Resolve(DashboardFiles.Root, path);
        return Task.FromResult<IActionResult>(file is { } found
            ? new DashboardFileResult(found.FullPath, found.ContentType)
            : Problems.NotFound(request, "There is no such dashboard file."));
    }
}

/// <summary>A dashboard file written straight to the response (no MVC executors, so it behaves alike in both hosts).</summary>
public sealed class DashboardFileResult(string fullPath, string contentType) : IActionResult
{
    public string FullPath { get; } = fullPath;

    public string ContentType { get; } = contentType;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        DashboardFiles.ApplyHeaders(response.Headers);
        await response.SendFileAsync(FullPath, context.HttpContext.RequestAborted);
    }
}
