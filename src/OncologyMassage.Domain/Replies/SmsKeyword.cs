namespace OncologyMassage.Domain.Replies;

/// <summary>Carrier keywords (a reply that is only the keyword, any case): opt out, opt back in, help.</summary>
public enum SmsKeyword
{
    /// <summary>STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT.</summary>
    Stop,

    /// <summary>START, UNSTOP.</summary>
    Start,

    /// <summary>HELP, INFO.</summary>
    Help,
}
