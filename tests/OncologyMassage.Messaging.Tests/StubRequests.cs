using OncologyMassage.IntegrationTests.Infrastructure;
using WireMock.Logging;
using WireMock.Server;

namespace OncologyMassage.Messaging.Tests;

internal static class StubRequests
{
    /// <summary>
    /// The stub's logged requests once at least <paramref name="expected"/> have arrived (fails after 5 s). The stub logs a
    /// request after writing its answer, so a client can hold the answer a moment before the log shows the request.
    /// </summary>
    public static async Task<IReadOnlyList<ILogEntry>> RequestsAsync(this WireMockServer stub, int expected)
    {
        await Eventually.UntilAsync(() => Task.FromResult(stub.LogEntries.Count), count => count >= expected,
            $"{expected} request(s) in the stub's log", TimeSpan.FromSeconds(5));
        return stub.LogEntries.ToArray();
    }
}
