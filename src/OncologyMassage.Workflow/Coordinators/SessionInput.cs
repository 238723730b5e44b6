using FluentValidation;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Domain.Outcomes;

namespace OncologyMassage.Workflow.Coordinators;

/// <summary>POST /api/referrals/{id}/sessions: what the therapist used and the client's 0–10 ratings before and after.</summary>
public sealed record SessionInput(
    int? PressureUsed,
    IReadOnlyList<string>? SitesAvoided,
    string? Position,
    RatingsInput? Pre,
    RatingsInput? Post,
    string? Reactions,
    string? Notes);

/// <summary>0–10 (0 none, 10 worst); a rating not given stays empty.</summary>
public sealed record RatingsInput(int? Pain, int? Anxiety, int? Nausea, int? Fatigue)
{
    public SymptomRatings ToRatings() => new(Pain, Anxiety, Nausea, Fatigue);
}

public sealed class SessionInputValidator : AbstractValidator<SessionInput>
{
    public const int MaxTextLength = 2000;

    public SessionInputValidator()
    {
        RuleFor(s => s.PressureUsed).NotNull().InclusiveBetween(0, 5).WithMessage("pressureUsed must be 0 to 5 (Walton pressure scale).");
        RuleFor(s => s.Position).NotEmpty()
            .Must(p => !int.TryParse(p, out _) && Enum.TryParse<Position>(p, ignoreCase: true, out _))
            .WithMessage($"position must be one of {string.Join(", ", Enum.GetNames<Position>())}.");
        RuleForEach(s => s.SitesAvoided).Must(site => BodySites.TryParse(site, out _)).WithMessage("'{PropertyValue}' is not a body site.");
        RuleFor(s => s.SitesAvoided).Must(s => s is null || s.Count <= 30).WithMessage("At most 30 sites.");
        RuleFor(s => s.Pre).NotNull().SetValidator(new RatingsValidator()!);
        RuleFor(s => s.Post).NotNull().SetValidator(new RatingsValidator()!);
        RuleFor(s => s.Reactions).MaximumLength(MaxTextLength);
        RuleFor(s => s.Notes).MaximumLength(MaxTextLength);
    }

    private sealed class RatingsValidator : AbstractValidator<RatingsInput>
    {
        public RatingsValidator()
        {
            RuleFor(r => r.Pain).InclusiveBetween(0, 10);
            RuleFor(r => r.Anxiety).InclusiveBetween(0, 10);
            RuleFor(r => r.Nausea).InclusiveBetween(0, 10);
            RuleFor(r => r.Fatigue).InclusiveBetween(0, 10);
        }
    }
}

/// <summary>POST /api/referrals/{id}/cancel.</summary>
public sealed record CancelInput(string? Reason);

public sealed class CancelInputValidator : AbstractValidator<CancelInput>
{
    public CancelInputValidator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(500);
}

/// <summary>POST /api/referrals/{id}/booking.</summary>
public sealed record BookingInput(string? SlotId);

public sealed class BookingInputValidator : AbstractValidator<BookingInput>
{
    public BookingInputValidator() => RuleFor(b => b.SlotId).NotEmpty().MaximumLength(200);
}

/// <summary>POST /api/referrals/{id}/reschedule: the new slot, and optionally why (kept on the timeline, never sent to the client).</summary>
public sealed record RescheduleInput(string? SlotId, string? Reason);

public sealed class RescheduleInputValidator : AbstractValidator<RescheduleInput>
{
    public RescheduleInputValidator()
    {
        RuleFor(r => r.SlotId).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Reason).MaximumLength(500);
    }
}
