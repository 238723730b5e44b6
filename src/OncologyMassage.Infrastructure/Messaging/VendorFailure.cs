using System.Net.Http;

namespace OncologyMassage.Infrastructure.Messaging;

/// <summary>
/// Whether a vendor call that got no answer may still have reached the vendor, shared by the retry pipeline and the senders
/// (issue 16 item 1). Only a failure to connect proves the request was never written; a timeout or a connection lost after
/// the request went out leaves the vendor's side unknown, so such a call is neither retried by the pipeline nor recorded as
/// failed: the dispatcher leaves its outbox row Pending and the reconciliation asks the vendor.
/// </summary>
public static class VendorFailure
{
    public static bool MayHaveReachedVendor(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case Polly.Timeout.TimeoutRejectedException:
                    return true;
                case HttpRequestException http:
                    return http.HttpRequestError is not (HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                        or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError);
            }
        }

        return false;
    }
}
