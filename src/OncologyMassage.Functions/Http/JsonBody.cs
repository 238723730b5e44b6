using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http;

namespace OncologyMassage.Functions.Http;

/// <summary>Reads a small JSON body (through <see cref="BoundedBody"/>: 413 over <see cref="MaxBytes"/>) and validates it: a 400 problem for anything unreadable or invalid, never a 500.</summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<(T? Value, ApiResult? Problem)> ReadAsync<T>(HttpRequest request, IValidator<T>? validator, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, tooLarge) = await BoundedBody.ReadAsync(request, MaxBytes, cancellationToken);
        if (body is null)
        {
            return (null, tooLarge);
        }

        T? value;
        try
        {
            value = body.Length == 0 ? null : JsonSerializer.Deserialize<T>(body, ApiJson.Options);
        }
        catch (JsonException ex)
        {
            return (null, Problems.BadRequest(request, $"The body is not valid JSON for this request (at {ex.Path ?? "$"})."));
        }

        if (value is null)
        {
            return (null, Problems.BadRequest(request, "A JSON body is required."));
        }

        if (validator is not null)
        {
            var result = await validator.ValidateAsync(value, cancellationToken);
            if (!result.IsValid)
            {
                var errors = result.Errors
                    .GroupBy(e => JsonNamingPolicy.CamelCase.ConvertName(e.PropertyName))
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
                return (null, Problems.Validation(request, errors));
            }
        }

        return (value, null);
    }
}
