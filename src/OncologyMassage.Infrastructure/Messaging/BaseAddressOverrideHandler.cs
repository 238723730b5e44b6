namespace OncologyMassage.Infrastructure.Messaging;

/// <summary>
/// Sends every request to another scheme, host and port, keeping the path and query. The vendor SDKs build absolute
/// URLs (Twilio always targets https://api.twilio.com); with a <c>BaseUrl</c> setting this points them at a stub
/// server in tests or at a regional endpoint.
/// </summary>
public sealed class BaseAddressOverrideHandler(Uri baseAddress) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            request.RequestUri = new UriBuilder(uri) { Scheme = baseAddress.Scheme, Host = baseAddress.Host, Port = baseAddress.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
