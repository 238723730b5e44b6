using System.Globalization;
using System.Reflection;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using OncologyMassage.Domain.Clinical;
using OncologyMassage.Pages.Forms;
using OncologyMassage.Pages.Intake;
using OncologyMassage.Pages.Layout;

namespace OncologyMassage.Pages.Tests.Intake;

/// <summary>
/// The domain validator's clinical checks on the intake page in the client's language (#17 item 3): each rule's error code
/// names its entry in ClientPages*.resx (IntakeRule_*); the validator's own messages stay English.
/// </summary>
public sealed class IntakeRuleLanguageTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static IntakeFormModel Form(params (string Name, string Value)[] fields) =>
        FormBinder.Bind<IntakeFormModel>(new FormCollection(fields.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => new StringValues(g.Select(f => f.Value).ToArray()))));

    /// <summary>An intake that breaks many rules at once: every message it gets is a domain rule's, none the form reader's.</summary>
    private static Domain.Clinical.Intake Broken() => new()
    {
        CompletedOn = Today,
        CancerType = "",
        DiagnosisDate = Today.AddDays(3),
        Labs = new LabResults(Platelets: new LabValue(3_000_000, Today), Haemoglobin: new LabValue(40, Today)),
        Symptoms = new IntakeSymptoms(Pain: 11, Anxiety: -1),
        Today = new TodayStatus { TemperatureCelsius = 50 },
        PermissionToContactCareTeam = true,
    };

    private static IEnumerable<string> Keys() => typeof(IntakeRuleKeys).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!);

    public static TheoryData<string> RuleKeys() => new(Keys());

    [Theory]
    [MemberData(nameof(RuleKeys))]
    public void IntakeRuleKey_Any_HasAnEnglishPageText(string key)
    {
        // Every other language is held to the English keys by ClientPagesLanguageTests.Translation_EveryEnglishPageKey_IsPresent.
        Assert.NotNull(PageText.Resources.GetResourceSet(CultureInfo.GetCultureInfo("en"), createIfNotExists: true, tryParents: true)!.GetString(key));
    }

    [Fact]
    public void IntakeValidator_EveryRule_NamesAKeyOfItsMessage()
    {
        var keys = Keys().ToHashSet(StringComparer.Ordinal);

        var withoutKey = ((IEnumerable<IValidationRule>)new IntakeValidator())
            .SelectMany(rule => rule.Components.Select(component => (rule.PropertyName, component)))
            .Where(r => r.component.Validator is not IChildValidatorAdaptor && !keys.Contains(r.component.ErrorCode ?? ""))
            .Select(r => r.PropertyName);

        Assert.Empty(withoutKey);
    }

    [Fact]
    public void Rule_EnglishClient_ReadsAsTheValidatorsOwnMessage()
    {
        PageLanguage.Use("en");
        var failures = new IntakeValidator().Validate(Broken()).Errors;

        Assert.True(failures.Count >= 7, $"the broken intake breaks many rules ({failures.Count})");
        Assert.All(failures, f => Assert.Equal(f.ErrorMessage, IntakeStrings.Rule(f.ErrorCode, f.CustomState, f.ErrorMessage)));
    }

    [Fact]
    public void Rule_SpanishClient_IsInSpanishWithTheRulesNumbers()
    {
        PageLanguage.Use("es-MX");
        var failures = new IntakeValidator().Validate(Broken()).Errors;

        var spanish = failures.Select(f => IntakeStrings.Rule(f.ErrorCode, f.CustomState, f.ErrorMessage)).ToArray();

        Assert.Empty(spanish.Intersect(failures.Select(f => f.ErrorMessage), StringComparer.Ordinal));
        Assert.Contains("Plaquetas: escriba un número entre 0 y 2000000 por mm³, de un análisis de hoy o de antes.", spanish);
        Assert.Contains("Temperatura de hoy: escríbala en °C (de 30 a 45).", spanish);
        Assert.Contains("Dolor: elija del 0 (nada) al 10 (lo peor).", spanish);
    }

    [Fact]
    public void Rule_CodeWithoutAnEntry_KeepsTheValidatorsEnglish()
    {
        PageLanguage.Use("es");

        Assert.Equal("Some rule.", IntakeStrings.Rule("NotEmptyValidator", null, "Some rule."));
    }

    [Fact]
    public void Validate_SpanishClientBreaksACrossFieldRule_ExplainsInSpanishOnThatRow()
    {
        PageLanguage.Use("es");

        var (intake, errors) = Form(("cancerType", "Cáncer de mama"), ("surgeries[0].procedure", "Tumorectomía"), ("surgeries[0].date", "2026-06-02"),
            ("surgeries[0].region", "chest"), ("surgeries[0].side", "left"), ("surgeries[0].nodes", "armpit")).Validate(Today);

        Assert.Null(intake);
        Assert.Equal("Ganglios linfáticos extirpados: indique el lado (izquierdo o derecho).", errors.MessageOf("surgeries[0]"));
    }
}
