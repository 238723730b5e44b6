using System.Globalization;

namespace OncologyMassage.IntegrationTests.Infrastructure;

/// <summary>
/// A client phone number no other test of the run uses, for tests on a shared host that touch what is kept per number
/// (opt-outs, the reply a number is awaited for, inbox entries from a number): fictional 555 numbers, one per call.
/// </summary>
public sealed record TestPhone(string Display, string E164)
{
    private static int next = Random.Shared.Next(0, 5000);

    /// <summary>A new number in the form the intake writes it ("(617) 555-0143") and as the app stores and Twilio sends it.</summary>
    public static TestPhone Unique()
    {
        var line = (Interlocked.Increment(ref next) % 10000).ToString("0000", CultureInfo.InvariantCulture);
        return new TestPhone($"(617) 555-{line}", $"+1617555{line}");
    }
}
