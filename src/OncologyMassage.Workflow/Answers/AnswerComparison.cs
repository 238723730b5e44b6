using System.Text.Json;

namespace OncologyMassage.Workflow.Answers;

/// <summary>Compares a stored answer with a submitted one by value (their JSON), for <see cref="AnswerRelay"/>'s repeated-submit check.</summary>
public static class AnswerComparison
{
    public static StoredAnswer Of<T>(T? stored, T submitted)
        where T : class =>
        stored is null ? StoredAnswer.None
        : JsonSerializer.Serialize(stored) == JsonSerializer.Serialize(submitted) ? StoredAnswer.Same
        : StoredAnswer.Different;
}
