namespace OncologyMassage.Domain.Clinical;

/// <summary>A finding that stops scheduling: the referral goes to NeedsMdInput with <see cref="Reason"/> shown to the coordinator.</summary>
/// <param name="Kind">What the clinic must do.</param>
/// <param name="Reason">Why, in plain words for the coordinator.</param>
/// <param name="QuestionForMd">The specific question to ask the MD about the plan (Walton: not blanket permission).</param>
/// <param name="Cause">The finding that caused it.</param>
public sealed record PlanHold(HoldKind Kind, string Reason, string QuestionForMd, Cause Cause);
