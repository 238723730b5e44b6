namespace OncologyMassage.Domain.Replies;

/// <summary>
/// Recognises the carrier keywords (STOP, START, HELP and their common variants) the way carriers and Twilio do: the
/// whole message is the keyword, in any case, with surrounding spaces and trailing punctuation ignored. "Stop" opts out;
/// "stop the reminders please" is an ordinary reply (a coordinator reads it on the timeline).
/// </summary>
public static class SmsKeywords
{
    private static readonly Dictionary<string, SmsKeyword> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["STOP"] = SmsKeyword.Stop,
        ["STOPALL"] = SmsKeyword.Stop,
        ["UNSUBSCRIBE"] = SmsKeyword.Stop,
        ["CANCEL"] = SmsKeyword.Stop,
        ["END"] = SmsKeyword.Stop,
        ["QUIT"] = SmsKeyword.Stop,
        ["START"] = SmsKeyword.Start,
        ["UNSTOP"] = SmsKeyword.Start,
        ["HELP"] = SmsKeyword.Help,
        ["INFO"] = SmsKeyword.Help,
    };

    /// <summary>The keyword the message consists of, or null for an ordinary reply.</summary>
    public static SmsKeyword? Classify(string? body)
    {
        var word = (body ?? "").Trim().TrimEnd('.', '!', '?', ',', ';').Trim();
        return Words.TryGetValue(word, out var keyword) ? keyword : null;
    }

    /// <summary>The keyword as the client sent it, normalised to upper case (for the opt-out record), or null.</summary>
    public static string? Normalize(string? body) =>
        Classify(body) is null ? null : (body ?? "").Trim().TrimEnd('.', '!', '?', ',', ';').Trim().ToUpperInvariant();
}
