using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// The one way a request body is read, by every POST route in both hosts: at most <c>limit</c> bytes whatever the
/// transfer encoding (a declared Content-Length over the limit is refused before reading; a chunked body is refused as
/// soon as it passes the limit, so no more than limit + one chunk is ever held). Over the limit is a 413 problem.
/// Forms are parsed from the bounded bytes with a per-field limit: an over-long field is a 413 too.
/// </summary>
public static class BoundedBody
{
    /// <summary>Largest urlencoded form a page or webhook accepts (the intake form, filled to every field's limit, is well under).</summary>
    public const int MaxFormBytes = 128 * 1024;

    /// <summary>Longest single form value, in characters: above every field's own validation limit (4,000), so those still answer 400 with the field named.</summary>
    public const int MaxFormValueChars = 8 * 1024;

    /// <summary>Most fields in one form.</summary>
    public const int MaxFormFields = 500;

    private const int ChunkBytes = 16 * 1024;

    /// <summary>The body's bytes, or the 413 to answer when it is longer than <paramref name="limit"/>.</summary>
    public static async Task<(byte[]? Body, ApiResult? Problem)> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        if (request.ContentLength > limit)
        {
            return (null, Problems.TooLarge(request, limit));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (null, Problems.TooLarge(request, limit));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    /// <summary>
    /// An application/x-www-form-urlencoded body read within <see cref="MaxFormBytes"/> and parsed with
    /// <see cref="MaxFormValueChars"/> per value; a 415 for any other content type, a 413 when too large.
    /// </summary>
    public static async Task<(IFormCollection? Form, ApiResult? Problem)> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken, long limit = MaxFormBytes)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsUrlEncodedForm(request.ContentType))
        {
            return (null, Problems.Create(request, StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported media type.",
                "Post the form as application/x-www-form-urlencoded."));
        }

        var (body, problem) = await ReadAsync(request, limit, cancellationToken);
        if (body is null)
        {
            return (null, problem);
        }

        using var reader = new FormReader(Encoding.UTF8.GetString(body))
        {
            ValueLengthLimit = MaxFormValueChars,
            KeyLengthLimit = 200,
            ValueCountLimit = MaxFormFields,
        };
        try
        {
            return (new FormCollection(await reader.ReadFormAsync(cancellationToken)), null);
        }
        catch (InvalidDataException)
        {
            return (null, Problems.Create(request, StatusCodes.Status413PayloadTooLarge, "too-large", "A form field is too large.",
                $"Each field may hold at most {MaxFormValueChars} characters, and a form at most {MaxFormFields} fields."));
        }
    }

    private static bool IsUrlEncodedForm(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}
