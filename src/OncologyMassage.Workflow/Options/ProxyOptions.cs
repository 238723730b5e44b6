using System.Net;

namespace OncologyMassage.Workflow.Options;

/// <summary>Which network hops in front of the app may say who the client is (section <c>Proxy</c>).</summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Proxy";

    /// <summary>
    /// Comma-separated addresses or CIDR ranges of the proxies whose <c>X-Forwarded-For</c> is believed, e.g.
    /// <c>127.0.0.1,::1</c> for the Functions host that hands requests to the worker in Azure, plus the ranges of Azure
    /// Front Door or a gateway if one stands in front. Empty (the default): no forwarded address is believed and the
    /// client is the peer that connected.
    /// </summary>
    public string TrustedProxies { get; set; } = "";

    /// <summary>The parsed list, or false when an entry is neither an address nor a CIDR range.</summary>
    public static bool TryParse(string? value, out IReadOnlyList<IPNetwork> networks)
    {
        var list = new List<IPNetwork>();
        networks = list;
        foreach (var entry in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(entry, out var network))
            {
                list.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                list.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                return false;
            }
        }

        return true;
    }
}
