namespace OncologyMassage.Functions.Http.OpenApi;

/// <summary>Who may call an operation, as the OpenAPI description states it (mirrors the function's caller attribute).</summary>
public enum ApiCaller
{
    /// <summary>[PracticeKey]: the practice's X-Api-Key.</summary>
    Practice,

    /// <summary>[SignedIn] / [ReferralScoped]: a practice key or a signed-in coordinator.</summary>
    PracticeOrCoordinator,

    /// <summary>[CoordinatorsOnly] / [ReferralScoped(CoordinatorsOnly = true)]: a signed-in coordinator.</summary>
    Coordinator,

    /// <summary>[SignedLink]: the signed token in the path is the whole credential.</summary>
    SignedLink,

    /// <summary>[Anonymous]: public files or this description.</summary>
    Anonymous,

    /// <summary>[Anonymous], verified by Twilio's request signature.</summary>
    TwilioSignature,

    /// <summary>[Anonymous], verified by SendGrid's signed event webhook.</summary>
    SendGridSignature,
}

/// <summary>A body: its media type and, for JSON, the C# type it is serialised from (null: any value of that media type).</summary>
public sealed record ApiBody(string MediaType, Type? Type = null);

/// <summary>
/// One HTTP function as the OpenAPI document describes it: its route and method (checked against the function's
/// [HttpTrigger] by a test), its caller, its request body and every status it answers with.
/// </summary>
public sealed record ApiOperation(
    string Function,
    string Method,
    string Route,
    string Summary,
    ApiCaller Caller,
    ApiBody? Request,
    IReadOnlyDictionary<int, ApiBody?> Responses);
