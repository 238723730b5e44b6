using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using OncologyMassage.Workflow.Options;

namespace OncologyMassage.Functions.Http;

/// <summary>
/// The client's IP address, as evidence for a signature (release, consent): the connecting peer, unless that peer is a
/// configured trusted proxy (<see cref="ProxyOptions.TrustedProxies"/>), in which case <c>X-Forwarded-For</c> is walked
/// from the right, past every trusted hop, to the first address no trusted proxy vouches for. Entries to the left of it
/// were written by the client itself and are ignored, and so is the whole header when the peer is not trusted: a client
/// cannot choose the address recorded for it.
/// </summary>
public sealed class ClientAddresses
{
    public const string ForwardedForHeader = "X-Forwarded-For";

    private const int MaxHops = 20;

    private readonly IReadOnlyList<IPNetwork> trusted;

    public ClientAddresses(IOptions<ProxyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!ProxyOptions.TryParse(options.Value.TrustedProxies, out var networks))
        {
            throw new OptionsValidationException(ProxyOptions.SectionName, typeof(ProxyOptions),
                ["Proxy:TrustedProxies must be a comma-separated list of IP addresses or CIDR ranges."]);
        }

        trusted = networks;
    }

    public string? Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var current = Normalize(request.HttpContext.Connection.RemoteIpAddress);
        if (current is null || !IsTrusted(current))
        {
            return current?.ToString();
        }

        var hops = request.Headers[ForwardedForHeader].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();
        for (var i = hops.Length - 1; i >= 0 && i >= hops.Length - MaxHops; i--)
        {
            if (Parse(hops[i]) is not { } hop)
            {
                break; // garbage: keep the last address a trusted hop vouched for
            }

            current = hop;
            if (!IsTrusted(hop))
            {
                break;
            }
        }

        return current.ToString();
    }

    private bool IsTrusted(IPAddress address) => trusted.Any(n => n.Contains(address));

    private static IPAddress? Normalize(IPAddress? address) => address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;

    /// <summary>"203.0.113.7", "203.0.113.7:51234" (App Service adds the port), "[2001:db8::1]:443" or "2001:db8::1".</summary>
    private static IPAddress? Parse(string value)
    {
        if (IPAddress.TryParse(value, out var address))
        {
            return Normalize(address);
        }

        return IPEndPoint.TryParse(value, out var endpoint) ? Normalize(endpoint.Address) : null;
    }
}
