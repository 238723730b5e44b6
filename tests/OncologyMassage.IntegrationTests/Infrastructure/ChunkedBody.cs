using System.Net;
using System.Net.Http.Headers;

namespace OncologyMassage.IntegrationTests.Infrastructure;

/// <summary>A request body of <c>size</c> bytes sent with chunked transfer encoding: no Content-Length for the server to check first.</summary>
internal sealed class ChunkedBody : HttpContent
{
    private readonly long size;
    private readonly byte fill;

    public ChunkedBody(long size, string mediaType, char fill = 'a')
    {
        this.size = size;
        this.fill = (byte)fill;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    /// <summary>Several megabytes: over every route's limit.</summary>
    public const long SeveralMegabytes = 3 * 1024 * 1024;

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, fill);
        for (long sent = 0; sent < size; sent += chunk.Length)
        {
            await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, size - sent)));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
