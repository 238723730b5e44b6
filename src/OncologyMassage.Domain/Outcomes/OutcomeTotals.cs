namespace OncologyMassage.Domain.Outcomes;

/// <summary>
/// Running totals behind a venue's outcome summary, kept as each session and follow-up is recorded, so the summary of
/// any number of sessions is one read. <see cref="ToSummary"/> gives exactly what <see cref="OutcomeSummarizer.Summarize"/>
/// gives over the same sessions: the sums are of whole scores and are divided once, and a session with only one of a
/// symptom's two ratings is counted as incomplete, never imputed.
/// </summary>
public sealed class OutcomeTotals
{
    public int Sessions { get; set; }

    /// <summary>Distinct referrals among the sessions.</summary>
    public int Referrals { get; set; }

    public Dictionary<Symptom, SymptomTotals> Symptoms { get; set; } = [];

    /// <summary>Follow-ups closed, with a reply or without one.</summary>
    public int FollowUps { get; set; }

    public int FollowUpsReplied { get; set; }

    /// <summary>Share of follow-ups that got a reply (0 when there were none).</summary>
    public double ReplyRate => FollowUps == 0 ? 0 : (double)FollowUpsReplied / FollowUps;

    /// <summary>Counts a session; <paramref name="firstOfItsReferral"/> when no earlier session of its referral was counted.</summary>
    public void AddSession(SessionOutcome session, bool firstOfItsReferral)
    {
        ArgumentNullException.ThrowIfNull(session);
        Sessions++;
        Referrals += firstOfItsReferral ? 1 : 0;
        foreach (var symptom in Enum.GetValues<Symptom>())
        {
            var (pre, post) = (session.Pre[symptom], session.Post[symptom]);
            if (pre is null && post is null)
            {
                continue;
            }

            var totals = Symptoms.TryGetValue(symptom, out var t) ? t : Symptoms[symptom] = new SymptomTotals();
            if (pre is { } p && post is { } q)
            {
                totals.N++;
                totals.SumPre += p;
                totals.SumPost += q;
            }
            else
            {
                totals.Incomplete++;
            }
        }
    }

    public void AddFollowUp(bool replied)
    {
        FollowUps++;
        FollowUpsReplied += replied ? 1 : 0;
    }

    /// <summary>Takes back a session counted by <see cref="AddSession"/> (its referral erased); never below zero.</summary>
    public void RemoveSession(SessionOutcome session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Sessions = Math.Max(0, Sessions - 1);
        foreach (var symptom in Enum.GetValues<Symptom>())
        {
            var (pre, post) = (session.Pre[symptom], session.Post[symptom]);
            if ((pre is null && post is null) || !Symptoms.TryGetValue(symptom, out var totals))
            {
                continue;
            }

            if (pre is { } p && post is { } q)
            {
                totals.N = Math.Max(0, totals.N - 1);
                totals.SumPre -= p;
                totals.SumPost -= q;
            }
            else
            {
                totals.Incomplete = Math.Max(0, totals.Incomplete - 1);
            }
        }
    }

    /// <summary>Takes back a referral counted with its first session, once its last session is taken back.</summary>
    public void RemoveReferral() => Referrals = Math.Max(0, Referrals - 1);

    /// <summary>Takes back a follow-up counted by <see cref="AddFollowUp"/>.</summary>
    public void RemoveFollowUp(bool replied)
    {
        FollowUps = Math.Max(0, FollowUps - 1);
        FollowUpsReplied = Math.Max(0, FollowUpsReplied - (replied ? 1 : 0));
    }

    /// <summary>The summary of the sessions counted (follow-up items are not part of a venue's totals).</summary>
    public OutcomeSummary ToSummary() => new(
        Sessions,
        Referrals,
        Enum.GetValues<Symptom>().Select(symptom => Symptoms.TryGetValue(symptom, out var t) && t.N > 0
            ? new SymptomChange(symptom, t.N, (double)t.SumPre / t.N, (double)t.SumPost / t.N, t.Incomplete)
            : new SymptomChange(symptom, 0, null, null, t?.Incomplete ?? 0)).ToArray(),
        []);
}

/// <summary>One symptom's paired sessions (<see cref="N"/>, with the sums of their ratings) and its incomplete ones.</summary>
public sealed class SymptomTotals
{
    public int N { get; set; }

    public long SumPre { get; set; }

    public long SumPost { get; set; }

    public int Incomplete { get; set; }
}
