using System.Globalization;
using OncologyMassage.Domain.Languages;
using OncologyMassage.Domain.Messages;

namespace OncologyMassage.Domain.Tests.Messages;

public sealed class MessageTemplatesLanguageTests
{
    private static readonly Uri Link = new("https://om.example/api/intake/abc.def");
    private static readonly DateTimeOffset Wednesday = new(2026, 12, 9, 14, 30, 0, TimeSpan.Zero);
    private static readonly CultureInfo Spanish = ClientLanguages.Resolve("es");

    [Fact]
    public void IntakeInvitationSms_Spanish_IsInSpanishWithItsStopKeyword()
    {
        var sms = MessageTemplates.IntakeInvitationSms(Spanish, "Centro Harbor", Link, reminder: false);

        Assert.Equal("Centro Harbor: ¡le damos la bienvenida! Antes de agendar su sesión, por favor complete su formulario de admisión: https://om.example/api/intake/abc.def Responda PARAR o STOP para no recibir más mensajes.", sms);
    }

    [Fact]
    public void IntakeInvitationSms_English_IsUnchanged()
    {
        var sms = MessageTemplates.IntakeInvitationSms(ClientLanguages.Default, "Harbor", Link, reminder: true);

        Assert.Equal("Harbor: a reminder to fill in your intake form before we book your session: https://om.example/api/intake/abc.def Reply STOP to opt out.", sms);
    }

    [Fact]
    public void BookingConfirmedSms_Spanish_WritesTheDateTheSpanishWay()
    {
        var sms = MessageTemplates.BookingConfirmedSms(Spanish, "Centro Harbor", Wednesday);

        Assert.Contains("miércoles 9 de diciembre", sms, StringComparison.Ordinal);
    }

    [Fact]
    public void FollowUpSurveyEmail_SpanishAfterAWeek_SaysUnaSemana()
    {
        var email = MessageTemplates.FollowUpSurveyEmail(Spanish, "Centro Harbor", Link, 2, 7);

        Assert.Equal("¿Cómo se siente, una semana después de su sesión en Centro Harbor?", email.Subject);
    }

    [Fact]
    public void SlotOfferSms_MexicanSpanish_UsesTheSpanishText()
    {
        var sms = MessageTemplates.SlotOfferSms(ClientLanguages.Resolve("es-MX"), "Centro Harbor", [Wednesday, Wednesday.AddDays(1)]);

        Assert.StartsWith("Centro Harbor: por favor elija un horario para su sesión. Responda 1, 2: 1) mié", sms, StringComparison.Ordinal);
    }
}
