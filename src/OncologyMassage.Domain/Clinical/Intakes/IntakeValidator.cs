using FluentValidation;
using OncologyMassage.Domain.Referrals;
using K = OncologyMassage.Domain.Clinical.IntakeRuleKeys;

namespace OncologyMassage.Domain.Clinical;

/// <summary>
/// Validates an intake for the form: dates not after the day it was completed (the next infusion may be), counts and
/// scores in plausible ranges, a side wherever the side changes the plan. Messages name the field in plain words,
/// in English (staff and API callers); each rule's error code names its message in the client pages' resource files
/// (<see cref="IntakeRuleKeys"/>), so the intake page can show it in the client's language.
/// </summary>
public sealed class IntakeValidator : AbstractValidator<Intake>
{
    public IntakeValidator()
    {
        RuleFor(i => i.CancerType).NotEmpty().WithMessage("Cancer type is required.").Key(K.CancerType);
        RuleFor(i => i.DiagnosisDate).Must(NotAfterCompletion).WithMessage("Diagnosis date cannot be in the future.").Key(K.DiagnosisDate);

        RuleForEach(i => i.Treatments).ChildRules(t =>
        {
            t.RuleFor(x => x).Must(x => x.Start is null || x.End is null || x.Start <= x.End)
                .WithName("Treatment").WithMessage("Treatment end date must be on or after its start date.").Key(K.TreatmentOrder);
        });
        RuleForEach(i => i.Treatments).Must((intake, t) => NotAfter(t.Start, intake) && NotAfter(t.End, intake) && NotAfter(t.LastDose, intake))
            .WithMessage("Treatment dates (start, end, last dose) cannot be in the future.").Key(K.TreatmentDates);

        RuleForEach(i => i.Surgeries).Must((intake, s) => s.Date <= intake.CompletedOn)
            .WithMessage("Surgery date cannot be in the future.").Key(K.SurgeryDate);
        RuleForEach(i => i.Surgeries).Must(s => !string.IsNullOrWhiteSpace(s.Procedure))
            .WithMessage("Surgery: name the procedure.").Key(K.SurgeryProcedure);
        RuleForEach(i => i.Surgeries).Must(s => s.Nodes is null || HasSide(s.Nodes.Site))
            .WithMessage("Lymph nodes removed: give the side (left or right).").Key(K.NodesSide);
        RuleForEach(i => i.Surgeries).Must(s => s.Nodes?.Count is null or (>= 0 and <= 80))
            .WithMessage("Lymph nodes removed: the count must be between 0 and 80.").Key(K.NodesCount, 0, 80);
        RuleForEach(i => i.Surgeries).Must(s => s.Reconstruction is null || HasSide(s.Reconstruction.Site))
            .WithMessage("Reconstruction: give the side when the site is a limb or quadrant.").Key(K.ReconstructionSide);

        RuleForEach(i => i.Radiation).Must(r => HasSide(r.Field))
            .WithMessage("Radiation field: give the side (left or right).").Key(K.RadiationSide);
        RuleForEach(i => i.Radiation).Must((intake, r) => NotAfter(r.Start, intake) && (r.Start is null || r.End is null || r.Start <= r.End))
            .WithMessage("Radiation: the start date cannot be in the future or after the end date.").Key(K.RadiationDates);

        RuleForEach(i => i.Devices).Must(d => d.Site is null || HasSide(d.Site))
            .WithMessage("Device: give the side of its site (left or right).").Key(K.DeviceSide);
        RuleForEach(i => i.Devices).Must(d => d.Type != DeviceType.Picc || d.Site is { Side: BodySide.Left or BodySide.Right })
            .WithMessage("PICC line: give the arm (left or right).").Key(K.PiccArm);
        RuleForEach(i => i.Devices).Must((intake, d) => NotAfter(d.Placed, intake))
            .WithMessage("Device: the date placed cannot be in the future.").Key(K.DevicePlaced);

        RuleFor(i => i.Labs.Platelets).Must((intake, v) => Lab(v, intake, 0, 2_000_000))
            .WithMessage("Platelets: give a count between 0 and 2,000,000 per mm³ drawn on or before today.").Key(K.Platelets, 0, 2_000_000);
        RuleFor(i => i.Labs.Anc).Must((intake, v) => Lab(v, intake, 0, 100_000))
            .WithMessage("ANC: give a count between 0 and 100,000 per mm³ drawn on or before today.").Key(K.Anc, 0, 100_000);
        RuleFor(i => i.Labs.Wbc).Must((intake, v) => Lab(v, intake, 0, 500_000))
            .WithMessage("WBC: give a count between 0 and 500,000 per mm³ drawn on or before today.").Key(K.Wbc, 0, 500_000);
        RuleFor(i => i.Labs.Haemoglobin).Must((intake, v) => Lab(v, intake, 0, 25))
            .WithMessage("Haemoglobin: give a value between 0 and 25 g/dL drawn on or before today.").Key(K.Haemoglobin, 0, 25);

        RuleForEach(i => i.Clots).Must(c => HasSide(c.Site)).WithMessage("Clot: give the side of the limb (left or right).").Key(K.ClotSide);
        RuleForEach(i => i.Clots).Must((intake, c) => c.Date <= intake.CompletedOn && NotAfter(c.TreatmentEnded, intake))
            .WithMessage("Clot: its dates cannot be in the future.").Key(K.ClotDates);

        RuleForEach(i => i.Lymphedema).Must(l => l.Limb.Side is BodySide.Left or BodySide.Right or BodySide.Both)
            .WithMessage("Lymphedema: give the side (left, right or both).").Key(K.LymphedemaSide);
        RuleForEach(i => i.Lymphedema).Must(l => l.Stage is null or (>= 0 and <= 3))
            .WithMessage("Lymphedema: the stage must be 0 to 3.").Key(K.LymphedemaStage, 0, 3);

        RuleFor(i => i.Bone).Must(b => b is null || b.LesionSites.All(HasSide))
            .WithMessage("Bone lesions: give the side of each limb lesion.").Key(K.BoneLesionSide);
        RuleFor(i => i.Neuropathy).Must(n => n is null || n.Sites.All(HasSide))
            .WithMessage("Neuropathy: give the side of each hand or foot (or both).").Key(K.NeuropathySide);

        RuleFor(i => i.Symptoms.Pain).InclusiveBetween(0, 10).WithMessage("Pain: rate 0 (none) to 10 (worst).").Key(K.Pain, 0, 10);
        RuleFor(i => i.Symptoms.Fatigue).InclusiveBetween(0, 10).WithMessage("Fatigue: rate 0 (none) to 10 (worst).").Key(K.Fatigue, 0, 10);
        RuleFor(i => i.Symptoms.Nausea).InclusiveBetween(0, 10).WithMessage("Nausea: rate 0 (none) to 10 (worst).").Key(K.Nausea, 0, 10);
        RuleFor(i => i.Symptoms.Anxiety).InclusiveBetween(0, 10).WithMessage("Anxiety: rate 0 (none) to 10 (worst).").Key(K.Anxiety, 0, 10);

        RuleFor(i => i.Today.TemperatureCelsius).InclusiveBetween(30.0, 45.0)
            .WithMessage("Temperature today: give it in °C (30 to 45).").Key(K.Temperature, 30, 45);
        RuleFor(i => i.CareTeam).NotNull().When(i => i.PermissionToContactCareTeam)
            .WithMessage("Care team: give a contact when you allow us to contact it.").Key(K.CareTeam);
        RuleFor(i => i.CareTeam!.Email).ValidEmailAddress().When(i => i.CareTeam?.Email is not null)
            .WithMessage("Care team email: write it as name@example.org.").Key(K.CareTeamEmail);
    }

    private static bool NotAfterCompletion(Intake intake, DateOnly? date) => NotAfter(date, intake);

    private static bool NotAfter(DateOnly? date, Intake intake) => date is null || date <= intake.CompletedOn;

    private static bool HasSide(BodySite site) => !site.NeedsSide || site.Side != BodySide.Unspecified;

    private static bool Lab(LabValue? value, Intake intake, double min, double max) =>
        value is null || (value.Value >= min && value.Value <= max && value.Drawn <= intake.CompletedOn);
}

/// <summary>How a rule names its translatable message (<see cref="IntakeRuleKeys"/>).</summary>
internal static class IntakeRuleOptions
{
    /// <summary>The rule's error code is <paramref name="key"/>; <paramref name="arguments"/> (its numbers) are its custom state.</summary>
    public static IRuleBuilderOptions<T, TProperty> Key<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, string key, params object[] arguments) =>
        rule.WithErrorCode(key).WithState(_ => arguments);
}
