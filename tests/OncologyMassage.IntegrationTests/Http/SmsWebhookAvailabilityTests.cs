using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OncologyMassage.Functions.Http;
using OncologyMassage.IntegrationTests.Infrastructure;
using OncologyMassage.Workflow.Durable;

namespace OncologyMassage.IntegrationTests.Http;

/// <summary>
/// Twilio's webhooks exist only where Twilio is the SMS provider (issue 13, item 7). The functions are built from the
/// Functions app's own registrations (AddOncologyMassageHttp, as Program.cs makes them: no simulated carrier), and called
/// with an unsigned inbound form: 404 before anything is read when Twilio is not in use, the signature check's 403 when it is.
/// </summary>
public sealed class SmsWebhookAvailabilityTests
{
    private static ServiceProvider FunctionsAppServices(string smsProvider)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Links:PublicBaseUrl"] = Webhooks.PublicBaseUrl,
            ["Links:SigningKey"] = TestHost.SigningKey,
            ["Messaging:SmsProvider"] = smsProvider,
            ["Twilio:AccountSid"] = Webhooks.AccountSid,
            ["Twilio:AuthToken"] = Webhooks.AuthToken,
            ["Twilio:FromNumber"] = Webhooks.FromNumber,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddOncologyMassageHttp(configuration);
        services.AddSingleton<InvocationDurableClientSource>().AddSingleton<IDurableClientSource>(sp => sp.GetRequiredService<InvocationDurableClientSource>()); // as Program.cs
        return services.BuildServiceProvider();
    }

    private static HttpRequest UnsignedInbound(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = path;
        context.Request.ContentType = "application/x-www-form-urlencoded";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("MessageSid=SM1&From=%2B16175550143&Body=STOP"));
        return context.Request;
    }

    [Theory]
    [InlineData("DevOutbox", StatusCodes.Status404NotFound)]
    [InlineData("Twilio", StatusCodes.Status403Forbidden)]
    public async Task ReceiveSms_DependingOnTheSmsProvider_Is404UnlessTwilio(string smsProvider, int expected)
    {
        await using var services = FunctionsAppServices(smsProvider);
        var functions = ActivatorUtilities.CreateInstance<SmsWebhookFunctions>(services);

        var result = await functions.ReceiveSms(UnsignedInbound("/api/sms/inbound"), durable: null!, TestContext.Current.CancellationToken);

        Assert.Equal(expected, Assert.IsType<ApiResult>(result).StatusCode);
    }

    [Theory]
    [InlineData("DevOutbox", StatusCodes.Status404NotFound)]
    [InlineData("Twilio", StatusCodes.Status403Forbidden)]
    public async Task ReceiveSmsStatus_DependingOnTheSmsProvider_Is404UnlessTwilio(string smsProvider, int expected)
    {
        await using var services = FunctionsAppServices(smsProvider);
        var functions = ActivatorUtilities.CreateInstance<SmsWebhookFunctions>(services);

        var result = await functions.ReceiveSmsStatus(UnsignedInbound("/api/sms/status"), TestContext.Current.CancellationToken);

        Assert.Equal(expected, Assert.IsType<ApiResult>(result).StatusCode);
    }
}
