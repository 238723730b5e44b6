namespace OncologyMassage.Functions.Http;

/// <summary>The credential a refused request presented, as named in security-event logs (never the credential itself).</summary>
public enum AuthenticationKind
{
    PracticeKey,
    SignedLink,
    TwilioSignature,
    SendGridSignature,
}
