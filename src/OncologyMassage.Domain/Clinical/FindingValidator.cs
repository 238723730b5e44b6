using FluentValidation;

namespace OncologyMassage.Domain.Clinical;

/// <summary>
/// Validates a finding from a referral, an MD release or a form: a side where the side changes the plan, values in
/// plausible ranges, no date after <c>asOf</c>. The engine still plans conservatively for findings that fail (e.g. both
/// sides when the side is missing); validation is for telling the sender what to fix.
/// </summary>
public sealed class FindingValidator : AbstractValidator<Finding>
{
    private static readonly PrecautionCode[] SideRequired =
        [PrecautionCode.NodesRemoved, PrecautionCode.NodesRadiated, PrecautionCode.Lymphedema, PrecautionCode.DvtHistory, PrecautionCode.Picc];

    public FindingValidator(DateOnly asOf)
    {
        RuleFor(f => f.Site).Must(s => s is { Side: not BodySide.Unspecified })
            .When(f => SideRequired.Contains(f.Code))
            .WithMessage(f => $"{f.Code.ToCode()}: give the site and side (left, right or both).");
        RuleFor(f => f.Site).Must(s => s is null || !s.NeedsSide || s.Side != BodySide.Unspecified)
            .When(f => !SideRequired.Contains(f.Code))
            .WithMessage(f => $"{f.Code.ToCode()}: give the side of the {f.Site}.");
        RuleFor(f => f.Value).InclusiveBetween(0, 2_000_000).When(f => f.Code == PrecautionCode.LowPlatelets)
            .WithMessage("LOW_PLATELETS: the count must be between 0 and 2,000,000 per mm³.");
        RuleFor(f => f.Value).InclusiveBetween(30.0, 45.0).When(f => f.Code == PrecautionCode.Fever)
            .WithMessage("FEVER: give the temperature in °C (30 to 45).");
        RuleFor(f => f.Value).InclusiveBetween(0, 10).When(f => f.Code is PrecautionCode.Fatigue or PrecautionCode.Nausea)
            .WithMessage(f => $"{f.Code.ToCode()}: the score must be 0 to 10.");
        RuleFor(f => f.Date).Must(d => d is null || d <= asOf)
            .WithMessage(f => $"{f.Code.ToCode()}: the date cannot be in the future.");
    }
}
