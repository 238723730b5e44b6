using FluentValidation;
using OncologyMassage.Domain.Referrals;
using OncologyMassage.Domain.Venues;

namespace OncologyMassage.Workflow.Access;

/// <summary>What a coordinator record must hold before it is stored (the admin command checks the venues exist).</summary>
public sealed class CoordinatorValidator : AbstractValidator<Coordinator>
{
    public CoordinatorValidator()
    {
        RuleFor(c => c.Id).Cascade(CascadeMode.Stop).NotEmpty().Matches(VenueValidator.IdPattern).WithName("id")
            .WithMessage("id must be a slug: lower-case letters, digits and dashes, 2 to 63 characters.");
        RuleFor(c => c.Name).NotEmpty().MaximumLength(200).WithName("name");
        RuleFor(c => c.Email).Cascade(CascadeMode.Stop).NotEmpty().ValidEmailAddress().WithName("email");
        RuleFor(c => c.VenueIds).NotEmpty().WithName("venues").WithMessage("venues must name at least one venue.");
        RuleForEach(c => c.VenueIds).Matches(VenueValidator.IdPattern).WithName("venues")
            .WithMessage("each venue must be a venue id (a slug).");
        RuleFor(c => c.PrincipalObjectId).Must(oid => Guid.TryParse(oid, out _)).When(c => c.PrincipalObjectId is not null).WithName("oid")
            .WithMessage("oid must be the Entra ID object id, a GUID.");
    }
}
