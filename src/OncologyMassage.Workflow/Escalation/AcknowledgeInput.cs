using FluentValidation;

namespace OncologyMassage.Workflow.Escalation;

/// <summary>POST /api/referrals/{id}/flags/{flagId}/acknowledge: what was done about the flag (e.g. "Called the client, she is on her way to the ED").</summary>
public sealed record AcknowledgeInput(string? Note);

public sealed class AcknowledgeInputValidator : AbstractValidator<AcknowledgeInput>
{
    public const int MaxNoteLength = 1000;

    public AcknowledgeInputValidator() =>
        RuleFor(a => a.Note).Must(n => !string.IsNullOrWhiteSpace(n)).WithName("note")
            .WithMessage("note must say what was done (who called the client, what was agreed).")
            .MaximumLength(MaxNoteLength);
}
