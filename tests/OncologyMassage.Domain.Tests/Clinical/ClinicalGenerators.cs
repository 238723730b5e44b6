using FsCheck;
using FsCheck.Fluent;
using OncologyMassage.Domain.Clinical;

namespace OncologyMassage.Domain.Tests.Clinical;

/// <summary>A random set of findings (wrapped so FsCheck's default list generator is not replaced).</summary>
public sealed record FindingSet(IReadOnlyList<Finding> Findings)
{
    public override string ToString() => string.Join(" | ", Findings.Select(f => $"{f.Describe()} v={f.Value} d={f.Date} s={f.Signs}"));
}

/// <summary>Random MD restrictions, loose values included: they must still never loosen a plan.</summary>
public sealed record RandomRestrictions(MdRestrictions Restrictions)
{
    public override string ToString() =>
        $"max={Restrictions.MaxPressure} sites={string.Join(",", Restrictions.Sites)} positions={string.Join(",", Restrictions.AvoidPositions)} minutes={Restrictions.MaxSessionMinutes}";
}

public static class ClinicalGenerators
{
    public static readonly DateOnly Today = new(2026, 11, 25);

    private static readonly BodySite[] Sites = AdaptationPlan.AllSites
        .Concat(BodyRegions.Regions.Where(BodyRegions.IsLateral).SelectMany(r => new[] { new BodySite(r), new BodySite(r, BodySide.Both) }))
        .Append(BodySite.WholeBody)
        .ToArray();

    private static readonly FindingSigns[] SignValues = Enum.GetValues<FindingSigns>().Where(s => s != FindingSigns.None).ToArray();

    public static Gen<BodySite> Site { get; } = Gen.Elements(Sites);

    public static Gen<Finding> Finding { get; } =
        from code in Gen.Elements(Enum.GetValues<PrecautionCode>())
        from site in Gen.Frequency((1, Gen.Constant<BodySite?>(null)), (3, Site.Select(s => (BodySite?)s)))
        from value in Value(code)
        from date in Gen.Frequency((1, Gen.Constant<DateOnly?>(null)), (3, Gen.Choose(0, 400).Select(d => (DateOnly?)Today.AddDays(-d))))
        from signs in Gen.SubListOf(SignValues).Select(list => list.Aggregate(FindingSigns.None, (a, s) => a | s))
        select new Finding(code, site, value, date, signs);

    public static Arbitrary<FindingSet> FindingSets() =>
        Gen.ListOf(Finding).Select(list => new FindingSet(list.ToArray())).ToArbitrary();

    public static Arbitrary<Finding> Findings() => Finding.ToArbitrary();

    public static Arbitrary<RandomRestrictions> Restrictions() =>
        (from max in Gen.Choose(0, 6).Select(n => n == 6 ? (int?)null : n)
         from sites in Gen.ListOf(Gen.Zip(Site, Gen.Choose(0, 6)).Select(p => new MdSiteRestriction(p.Item1, p.Item2 == 6 ? null : p.Item2)))
         from positions in Gen.SubListOf(Enum.GetValues<Position>())
         from minutes in Gen.Frequency((1, Gen.Constant<int?>(null)), (2, Gen.Choose(15, 120).Select(m => (int?)m)))
         from conditions in Gen.SubListOf(new[] { "No work on the left arm", "Short sessions only" })
         select new RandomRestrictions(new MdRestrictions
         {
             MaxPressure = max,
             Sites = sites.ToArray(),
             AvoidPositions = positions.ToArray(),
             MaxSessionMinutes = minutes,
             Conditions = conditions.ToArray(),
         })).ToArbitrary();

    private static Gen<double?> Value(PrecautionCode code) => code switch
    {
        PrecautionCode.LowPlatelets => Gen.OneOf(Gen.Constant<double?>(null), Gen.Choose(0, 200_000).Select(v => (double?)v)),
        PrecautionCode.Fever => Gen.OneOf(Gen.Constant<double?>(null), Gen.Choose(360, 410).Select(v => (double?)(v / 10.0))),
        PrecautionCode.Fatigue or PrecautionCode.Nausea => Gen.Choose(0, 10).Select(v => (double?)v),
        _ => Gen.Constant<double?>(null),
    };
}
