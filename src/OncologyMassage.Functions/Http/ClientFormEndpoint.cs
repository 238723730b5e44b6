using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using OncologyMassage.Pages.Forms;
using OncologyMassage.Pages.Layout;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// The one adapter between a signed-link form's HTTP function and its slice (form model, page component, Workflow
/// handler): it reads the bounded urlencoded body (415/413 problems), binds the model (<see cref="FormBinder"/>), answers
/// invalid input with the page and its errors (400) or, to a JSON caller, problem details keyed by field path, and
/// renders pages and refusals. The link check and the page-view audit stay in <see cref="ClientLinkPages"/>.
/// </summary>
public sealed class ClientFormEndpoint(PageRenderer pages)
{
    /// <summary>
    /// Binds and validates a submitted form. Returns the valid answer, or the response to give instead (415, 413, or the
    /// 400 page or problem); nothing is written in either case.
    /// </summary>
    /// <param name="request">The POST.</param>
    /// <param name="validate">The model's validation: the answer, or null and errors keyed by field path.</param>
    /// <param name="page">The page component showing the model and its errors.</param>
    /// <param name="cancellationToken">The request's token.</param>
    public async Task<(TAnswer? Answer, IActionResult? Response)> BindAsync<TModel, TAnswer, TPage>(
        HttpRequest request,
        Func<TModel, (TAnswer? Answer, FormErrors Errors)> validate,
        Func<TModel, FormErrors, Task<IReadOnlyDictionary<string, object?>>> page,
        CancellationToken cancellationToken)
        where TModel : class, new()
        where TAnswer : class
        where TPage : IComponent
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(validate);
        ArgumentNullException.ThrowIfNull(page);
        var (fields, problem) = await BoundedBody.ReadFormAsync(request, cancellationToken);
        if (fields is null)
        {
            return (null, problem);
        }

        var model = FormBinder.Bind<TModel>(fields);
        var (answer, errors) = validate(model);
        if (answer is not null)
        {
            return (answer, null);
        }

        return (null, ClientLinkPages.WantsJson(request)
            ? Problems.Validation(request, errors.ByField)
            : await PageAsync<TPage>(StatusCodes.Status400BadRequest, await page(model, errors)));
    }

    /// <summary>A page component rendered with its parameters.</summary>
    public async Task<IActionResult> PageAsync<TPage>(int status, IReadOnlyDictionary<string, object?> parameters)
        where TPage : IComponent =>
        new HtmlResult(status, await pages.RenderAsync<TPage>(parameters));

    /// <summary>The answer after a submit: JSON for a JSON caller, else a page with a title and a sentence.</summary>
    public async Task<IActionResult> DoneAsync(HttpRequest request, object json, string title, string text) =>
        ClientLinkPages.WantsJson(request)
            ? new ApiResult(StatusCodes.Status200OK, json)
            : new HtmlResult(StatusCodes.Status200OK, await pages.MessageAsync(title, text));

    /// <summary>A refusal: problem details for a JSON caller, else a page with the same title and detail.</summary>
    public async Task<IActionResult> RefuseAsync(HttpRequest request, int status, string type, string title, string detail) =>
        ClientLinkPages.WantsJson(request)
            ? Problems.Create(request, status, type, title, detail)
            : new HtmlResult(status, await pages.MessageAsync(title, detail));
}
