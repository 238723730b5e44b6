using WireMock.Logging;
using WireMock.Server;

namespace OncologyMassage.Messaging.Tests;

internal static class StubRequests
{
    /// <summary>
    /// The stub's logged requests once at least <paramref name="expected"/> have arrived (or after 5 s). The stub logs a
    /// request after writing its answer, so a client can hold the answer a moment before the log shows the request.
    /// </summary>
    public static async Task<IReadOnlyList<ILogEntry>> RequestsAsync(this WireMockServer stub, int expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (stub.LogEntries.Count < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        return stub.LogEntries.ToArray();
    }
}
