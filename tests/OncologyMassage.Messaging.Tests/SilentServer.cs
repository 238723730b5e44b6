using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OncologyMassage.Messaging.Tests;

/// <summary>
/// A loopback HTTP endpoint that counts the requests it receives and never answers: for proving that a timed-out attempt
/// is not resent. (A stub that answers late cannot prove it: it logs a request only once its answer is written, which an
/// abandoned connection may never allow.)
/// </summary>
public sealed class SilentServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;
    private int requests;

    public SilentServer()
    {
        listener.Start();
        Url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        accepting = AcceptAsync();
    }

    public string Url { get; }

    public int Requests => Volatile.Read(ref requests);

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                connections.Add(HoldAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }

        await Task.WhenAll(connections);
    }

    /// <summary>Reads one request's headers, counts it, then holds the connection without answering.</summary>
    private async Task HoldAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var seen = new StringBuilder();
            var buffer = new byte[4096];
            try
            {
                while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    var read = await stream.ReadAsync(buffer, stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                Interlocked.Increment(ref requests);
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                // The client gave up, or the server is disposed.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        stop.Dispose();
    }
}
