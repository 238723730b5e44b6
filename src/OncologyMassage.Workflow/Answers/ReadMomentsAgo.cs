namespace OncologyMassage.Workflow.Answers;

/// <summary>
/// What a request read under an answer's key a moment before it submits the answer (<see cref="Record"/> null: nothing was
/// stored), for <see cref="AnswerRelay"/>'s first look, so the same request does not read the same row twice.
/// </summary>
public sealed record ReadMomentsAgo<TRecord>(TRecord? Record)
    where TRecord : class;
