namespace OncologyMassage.Domain.Referrals;

/// <summary>What a coordinator can do to a referral from the dashboard or the API.</summary>
public enum CoordinatorAction
{
    Cancel,
    ResendRelease,
    BookSlot,
    RecordSession,

    /// <summary>Move the booked session to another offered slot (docs/calendar.md).</summary>
    Reschedule,
}

/// <summary>Which action fits which stage; the API answers 409 when it does not.</summary>
public static class CoordinatorActions
{
    public static bool Allows(this Stage stage, CoordinatorAction action) => action switch
    {
        CoordinatorAction.Cancel => !stage.IsClosed(),
        CoordinatorAction.ResendRelease => stage == Stage.MdReleaseRequested,
        CoordinatorAction.BookSlot => stage == Stage.SchedulingPending,
        CoordinatorAction.RecordSession => stage == Stage.SessionScheduled,
        CoordinatorAction.Reschedule => stage == Stage.SessionScheduled,
        _ => false,
    };

    /// <summary>The actions that fit the stage, for the dashboard's buttons.</summary>
    public static IReadOnlyList<CoordinatorAction> For(Stage stage) =>
        Enum.GetValues<CoordinatorAction>().Where(a => stage.Allows(a)).ToArray();
}
