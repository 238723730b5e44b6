namespace OncologyMassage.Domain.Outcomes;

/// <summary>The 0–10 rating range shared by session and follow-up ratings.</summary>
public static class Score
{
    public const int Min = 0;
    public const int Max = 10;

    public static bool IsValid(int value) => value is >= Min and <= Max;

    internal static int? Check(int? value, string name) =>
        value is null || IsValid(value.Value) ? value : throw new ArgumentOutOfRangeException(name, value, "Ratings are 0 (none) to 10 (worst).");
}
