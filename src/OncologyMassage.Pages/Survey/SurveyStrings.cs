using OncologyMassage.Domain.Outcomes;
using OncologyMassage.Pages.Layout;
using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Pages.Survey;

/// <summary>Every word of the follow-up survey slice (Languages/ClientPages.resx, Survey_*), in the client's language.</summary>
public static class SurveyStrings
{
    public static string Title => PageText.Get("Survey_Title");
    public static string Heading => PageText.Get("Survey_Heading");

    /// <summary>The greeting, with which follow-up of which session this is.</summary>
    public static string Intro(string givenName, FollowUpKind kind, int sessionNumber) =>
        PageText.Format("Survey_Intro", givenName, When(kind, sessionNumber));

    /// <summary>Which follow-up of which session this is: "It is the day after your session 2."</summary>
    public static string When(FollowUpKind kind, int sessionNumber) => kind switch
    {
        FollowUpKind.Sms24Hours => PageText.Format("Survey_WhenDay", sessionNumber),
        FollowUpKind.Email7Days => PageText.Format("Survey_WhenWeek", sessionNumber),
        _ => PageText.Format("Survey_WhenMonth", sessionNumber),
    };

    public static string RightNow => PageText.Get("Survey_RightNow");
    public static string NotAnswered => PageText.Get("Survey_NotAnswered");
    public static string RatingNone => PageText.Get("Survey_RatingNone");
    public static string RatingWorst => PageText.Get("Survey_RatingWorst");
    public static string SinceTheSession => PageText.Get("Survey_SinceTheSession");
    public static string Changes => PageText.Get("Survey_Changes");
    public static string Send => PageText.Get("Survey_Send");
    public static string NotReadAtOnce => PageText.Get("Survey_NotReadAtOnce");

    public static string Item(FollowUpItem item) => item switch
    {
        FollowUpItem.Pain => PageText.Get("Survey_ItemPain"),
        FollowUpItem.Tiredness => PageText.Get("Survey_ItemTiredness"),
        FollowUpItem.Nausea => PageText.Get("Survey_ItemNausea"),
        FollowUpItem.Anxiety => PageText.Get("Survey_ItemAnxiety"),
        FollowUpItem.WellBeing => PageText.Get("Survey_ItemWellBeing"),
        _ => PageText.Get("Survey_ItemSleep"),
    };

    public static string ThankYou => PageText.Get("Survey_ThankYou");
    public static string Recorded => PageText.Get("Survey_Recorded");

    public static string AlreadyAnswered => PageText.Get("Survey_AlreadyAnswered");
    public static string AlreadyAnsweredDetail => PageText.Get("Survey_AlreadyAnsweredDetail");
    public static string Closed => PageText.Get("Survey_Closed");
    public static string ClosedDetail => PageText.Get("Survey_ClosedDetail");
    public static string Replaced => PageText.Get("Survey_Replaced");
    public static string ReplacedDetail => PageText.Get("Survey_ReplacedDetail");

    public static string ErrorScore => PageText.Get("Survey_ErrorScore");
    public static string ErrorNothingAnswered => PageText.Get("Survey_ErrorNothingAnswered");
    public static string ErrorTooLong(int max) => PageText.Format("Survey_ErrorTooLong", max);
}
