namespace OncologyMassage.Functions.Http;

/// <summary>
/// A stand-in for Twilio that posts signed webhooks to the app (the local host's simulated phone registers one). With
/// none registered, the SMS webhooks exist only when Twilio is the SMS provider: a deployment that does not use Twilio
/// answers them 404 and reads nothing. The Functions app never registers one.
/// </summary>
public sealed record SimulatedSmsCarrier(string Name);
