using System.Net;
using System.Net.Sockets;

namespace OncologyMassage.IntegrationTests.Infrastructure;

/// <summary>
/// Clients that connect from a loopback address of their own (127.0.0.x; Linux routes the whole 127/8 to loopback), so
/// tests of per-address limits each have their own client address on one shared host.
/// </summary>
internal static class ClientAddress
{
    public static HttpClient From(this TestHost host, string loopbackAddress, bool withPracticeKey = false)
    {
        var local = IPAddress.Parse(loopbackAddress);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = host.Http.BaseAddress };
        if (withPracticeKey)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", TestHost.DemoPracticeKey);
        }

        return client;
    }
}
