using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using OncologyMassage.Functions.Http.Access;

namespace OncologyMassage.Functions.Http.OpenApi;

/// <summary>Serves the OpenAPI 3.1 description (<see cref="ApiDocument"/>); it names routes and shapes, no data.</summary>
public sealed class OpenApiFunctions
{
    [Function(nameof(GetOpenApiDocument))]
    [Anonymous("The API's description holds routes and shapes only, no data.")]
    public Task<IActionResult> GetOpenApiDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.OpenApi)] HttpRequest request) =>
        Task.FromResult<IActionResult>(new ApiResult(StatusCodes.Status200OK, ApiDocument.Json));
}
