namespace OncologyMassage.Domain.Clinical;

/// <summary>Turns an intake into structured findings, the same codes referrals and MD releases use.</summary>
public static class IntakeFindings
{
    public static IReadOnlyList<Finding> From(Intake intake, ClinicalRuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(intake);
        ArgumentNullException.ThrowIfNull(options);
        var asOf = intake.CompletedOn;
        var findings = new List<Finding>();

        foreach (var device in intake.Devices)
        {
            var code = device.Type switch
            {
                DeviceType.Port => PrecautionCode.Port,
                DeviceType.Picc => PrecautionCode.Picc,
                DeviceType.CentralLine => PrecautionCode.CentralLine,
                DeviceType.Drain => PrecautionCode.Drain,
                _ => PrecautionCode.Ostomy,
            };
            var detail = device.Type == DeviceType.FeedingTube ? "feeding tube" : null;
            findings.Add(new Finding(code, device.Site, Date: device.Placed, Signs: device.SiteSigns, Detail: detail));
        }

        foreach (var surgery in intake.Surgeries)
        {
            AddSurgery(findings, surgery, asOf, options);
        }

        foreach (var course in intake.Radiation)
        {
            var active = course.End is null || course.End >= asOf;
            var signs = course.Reaction switch
            {
                SkinReaction.Blisters => FindingSigns.Blisters,
                SkinReaction.WetPeeling => FindingSigns.WetOrPeelingSkin,
                _ => FindingSigns.None,
            };
            signs |= Flag(course.Healed, FindingSigns.Healed) | Flag(course.Fibrosis, FindingSigns.Fibrosis)
                | Flag(course.ClearedForDirectWork, FindingSigns.ClearedForDirectWork);
            findings.Add(new Finding(active ? PrecautionCode.RadiationActive : PrecautionCode.RadiationPast, course.Field, Date: course.End, Signs: signs));
        }

        var lastChemo = intake.Treatments.Where(t => t.Type == TreatmentType.Chemotherapy && t.LastDose is not null).Max(t => t.LastDose);
        if (lastChemo is { } dose && asOf.DayNumber - dose.DayNumber <= 2)
        {
            findings.Add(new Finding(PrecautionCode.ChemoWithin48H, Date: dose));
        }

        AddLabs(findings, intake.Labs, options);

        foreach (var clot in intake.Clots)
        {
            findings.Add(new Finding(PrecautionCode.DvtHistory, clot.Site, Date: clot.TreatmentEnded ?? clot.Date,
                Signs: Flag(clot.CalfPainSwellingOrWarmthNow, FindingSigns.CalfSigns)));
        }

        if (intake.Anticoagulants.Count > 0)
        {
            findings.Add(new Finding(PrecautionCode.Anticoagulant, Detail: string.Join(", ", intake.Anticoagulants)));
        }

        AddBone(findings, intake);

        if (intake.BrainMetastases || Mentions(intake.MetastasisSites, "brain"))
        {
            findings.Add(new Finding(PrecautionCode.BrainMets, Signs: Flag(intake.Seizures, FindingSigns.Seizure)));
        }

        if (intake.Neuropathy is { } neuropathy)
        {
            if (neuropathy.Sites.Count == 0)
            {
                findings.Add(new Finding(PrecautionCode.Neuropathy));
            }

            findings.AddRange(neuropathy.Sites.Select(site => new Finding(PrecautionCode.Neuropathy, site)));
        }

        foreach (var limb in intake.Lymphedema)
        {
            findings.Add(limb.Status == LymphedemaStatus.Present
                ? new Finding(PrecautionCode.Lymphedema, limb.Limb,
                    Signs: Flag(limb.SuddenIncreaseRednessOrWarmth, FindingSigns.SuddenIncrease | FindingSigns.Redness)
                        | Flag(limb.CertifiedTherapistDirects, FindingSigns.CertifiedLymphedemaTherapistDirects))
                : new Finding(PrecautionCode.NodesRemoved, limb.Limb, Detail: "lymphedema risk"));
        }

        if (intake.Skin is { Any: true } skin)
        {
            findings.Add(new Finding(PrecautionCode.SkinCompromised, skin.Site,
                Signs: Flag(skin.Blisters, FindingSigns.Blisters) | Flag(skin.OpenSkin, FindingSigns.OpenWound) | Flag(skin.Infected, FindingSigns.InfectedSkin)));
        }

        AddSymptomsAndToday(findings, intake, options);
        return findings;
    }

    private static void AddSurgery(List<Finding> findings, SurgeryRecord surgery, DateOnly asOf, ClinicalRuleOptions options)
    {
        var signs = Flag(surgery.Healed, FindingSigns.Healed) | Flag(surgery.OpenOrDraining, FindingSigns.OpenWound | FindingSigns.DrainingWound);
        findings.Add(new Finding(PrecautionCode.SurgicalSite, surgery.Site, Date: surgery.Date, Signs: signs, Detail: surgery.Procedure));
        if (asOf.DayNumber - surgery.Date.DayNumber < options.SurgicalRecoveryWeeks * 7)
        {
            findings.Add(new Finding(PrecautionCode.RecentSurgery, surgery.Site, Date: surgery.Date, Detail: surgery.SurgeonRestrictions));
        }

        if (surgery.HasDrain)
        {
            findings.Add(new Finding(PrecautionCode.Drain, surgery.Site, Date: surgery.Date));
        }

        if (surgery.Nodes is { } nodes)
        {
            var detail = (nodes.SentinelOnly ? "sentinel" : "dissection") + (nodes.Count is { } n ? $", {n} nodes" : string.Empty);
            findings.Add(new Finding(PrecautionCode.NodesRemoved, nodes.Site, Date: surgery.Date, Detail: detail));
            if (nodes.Radiated)
            {
                findings.Add(new Finding(PrecautionCode.NodesRadiated, nodes.Site));
            }
        }

        if (surgery.Reconstruction is { } reconstruction)
        {
            findings.Add(new Finding(PrecautionCode.Reconstruction, reconstruction.Site, Date: reconstruction.Date ?? surgery.Date,
                Signs: Flag(reconstruction.SurgeonAllowsProne, FindingSigns.SurgeonAllowsProne) | Flag(reconstruction.Type == ReconstructionType.Expander, FindingSigns.Expander),
                Detail: reconstruction.Type.ToString().ToUpperInvariant()));
            if (reconstruction.DonorSite is { } donor)
            {
                findings.Add(new Finding(PrecautionCode.SurgicalSite, donor, Date: reconstruction.Date ?? surgery.Date, Detail: "donor site"));
            }
        }
    }

    private static void AddLabs(List<Finding> findings, LabResults labs, ClinicalRuleOptions options)
    {
        if (labs.Platelets is { } platelets && platelets.Value < options.PlateletsLimitBelow)
        {
            findings.Add(new Finding(PrecautionCode.LowPlatelets, Value: platelets.Value, Date: platelets.Drawn));
        }

        if (labs.Anc is { } anc && anc.Value < options.IntakeNeutropeniaAncBelow)
        {
            findings.Add(new Finding(PrecautionCode.Neutropenia, Value: anc.Value, Date: anc.Drawn));
        }

        if (labs.Haemoglobin is { } hb && hb.Value < options.IntakeAnemiaHaemoglobinBelow)
        {
            findings.Add(new Finding(PrecautionCode.Anemia, Value: hb.Value, Date: hb.Drawn));
        }
    }

    private static void AddBone(List<Finding> findings, Intake intake)
    {
        var bone = intake.Bone ?? new BoneInvolvement();
        var pain = Flag(bone.NewOrNightPain, FindingSigns.NewBoneOrNightPain);
        if (bone.LesionSites.Count > 0)
        {
            findings.AddRange(bone.LesionSites.Select(site => new Finding(PrecautionCode.BoneMets, site,
                Signs: pain | Flag(site.Region is BodyRegion.UpperBack or BodyRegion.LowerBack or BodyRegion.Chest, FindingSigns.SpineOrRibLesion))));
        }
        else if (Mentions(intake.MetastasisSites, "bone"))
        {
            findings.Add(new Finding(PrecautionCode.BoneMets, Signs: pain));
        }

        if (bone.Osteoporosis)
        {
            findings.Add(new Finding(PrecautionCode.Osteoporosis, Signs: pain, Detail: bone.HighFractureRisk ? "high fracture risk" : null));
        }
    }

    private static void AddSymptomsAndToday(List<Finding> findings, Intake intake, ClinicalRuleOptions options)
    {
        var today = intake.Today;
        var from = options.IntakeSymptomScoreFindingFrom;
        if (intake.Symptoms.Fatigue is { } fatigue && fatigue >= from)
        {
            findings.Add(new Finding(PrecautionCode.Fatigue, Value: fatigue));
        }

        var nauseaSigns = Flag(today.Vomiting, FindingSigns.Vomiting) | Flag(today.CannotKeepFluidsDown, FindingSigns.CannotKeepFluidsDown);
        if ((intake.Symptoms.Nausea is { } nausea && nausea >= from) || nauseaSigns != FindingSigns.None)
        {
            findings.Add(new Finding(PrecautionCode.Nausea, Value: intake.Symptoms.Nausea, Signs: nauseaSigns));
        }

        if (intake.ScentSensitive)
        {
            findings.Add(new Finding(PrecautionCode.ScentSensitive));
        }

        if (intake.OnSteroids)
        {
            findings.Add(new Finding(PrecautionCode.Steroids));
        }

        if (intake.Cachexia || today.RapidWeightLoss)
        {
            findings.Add(new Finding(PrecautionCode.Cachexia, Signs: Flag(today.RapidWeightLoss, FindingSigns.RapidWeightLoss)));
        }

        if (today.TemperatureCelsius is { } t && t >= options.FeverHoldCelsius)
        {
            findings.Add(new Finding(PrecautionCode.Fever, Value: t, Date: intake.CompletedOn));
        }

        if (today.ActiveInfection)
        {
            findings.Add(new Finding(PrecautionCode.Infection, Detail: today.OnAntibiotics ? "on antibiotics" : null));
        }

        var warning = Flag(today.Fainting, FindingSigns.Fainting) | Flag(today.ChestPain, FindingSigns.ChestPain) | Flag(today.Breathless, FindingSigns.Breathless);
        if (warning != FindingSigns.None)
        {
            var index = findings.FindIndex(f => f.Code == PrecautionCode.Anemia);
            findings.Add(index >= 0
                ? findings[index] with { Signs = findings[index].Signs | warning }
                : new Finding(PrecautionCode.Anemia, Signs: warning, Detail: "fainting, chest pain or breathlessness reported"));
        }
    }

    private static FindingSigns Flag(bool condition, FindingSigns sign) => condition ? sign : FindingSigns.None;

    private static bool Mentions(IEnumerable<string> sites, string word) =>
        sites.Any(s => s.Contains(word, StringComparison.OrdinalIgnoreCase));
}
