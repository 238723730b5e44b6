using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using OncologyMassage.Infrastructure.DevOutbox;
using OncologyMassage.Infrastructure.Email;
using OncologyMassage.Infrastructure.Sms;
using OncologyMassage.Workflow.Messaging;
using OncologyMassage.Workflow.Options;
using OncologyMassage.Workflow.Ports;
using Polly;
using SendGrid;
using Twilio.Clients;
using Twilio.Http;

namespace OncologyMassage.Infrastructure.Messaging;

/// <summary>
/// The message senders, chosen by <c>Messaging:EmailProvider</c> (DevOutbox | SendGrid) and <c>Messaging:SmsProvider</c>
/// (DevOutbox | Twilio). A vendor's options are validated on start only when that vendor is chosen. Each vendor SDK
/// client is created once, over a named HttpClient from IHttpClientFactory with the retry and timeout pipeline below.
/// </summary>
public static class MessagingServiceCollectionExtensions
{
    public const string TwilioHttpClient = "Twilio";

    public const string SendGridHttpClient = "SendGrid";

    public static IServiceCollection AddMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var twilio = services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.SectionName);
        var sendGrid = services.AddOptions<SendGridOptions>().BindConfiguration(SendGridOptions.SectionName);
        var chosen = configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>() ?? new MessagingOptions();

        if (chosen.SmsProvider == SmsProvider.Twilio)
        {
            twilio.ValidateDataAnnotations().ValidateOnStart();
            AddVendorHttpClient(services, TwilioHttpClient, configuration[$"{TwilioOptions.SectionName}:{nameof(TwilioOptions.BaseUrl)}"]);
            services.AddSingleton<ITwilioRestClient>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<TwilioOptions>>().Value;
                var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(TwilioHttpClient);
                // LogLevel: the SDK would otherwise honour TWILIO_LOG_LEVEL=debug and print requests to the console.
                return new TwilioRestClient(options.AccountSid, options.AuthToken, accountSid: options.AccountSid, httpClient: new SystemNetHttpClient(http))
                {
                    LogLevel = null,
                };
            });
            services.AddSingleton<ISmsSender, TwilioSmsSender>();
            services.AddSingleton<ISmsLookup, TwilioSmsLookup>();
        }
        else
        {
            services.AddSingleton<ISmsSender, DevOutboxSender>();
            services.AddSingleton<ISmsLookup, DevOutboxSender>();
        }

        if (chosen.EmailProvider == EmailProvider.SendGrid)
        {
            sendGrid.ValidateDataAnnotations().ValidateOnStart();
            AddVendorHttpClient(services, SendGridHttpClient, baseUrl: null);
            services.AddSingleton<ISendGridClient>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<SendGridOptions>>().Value;
                var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(SendGridHttpClient);
                var clientOptions = new SendGridClientOptions { ApiKey = options.ApiKey };
                if (!string.IsNullOrEmpty(options.BaseUrl))
                {
                    clientOptions.Host = options.BaseUrl;
                }

                // With an HttpClient of ours the SDK adds no retry handler of its own, and returns non-2xx as a Response.
                return new SendGridClient(http, clientOptions);
            });
            services.AddSingleton<IEmailSender, SendGridEmailSender>();
            services.TryAddSingleton(TimeProvider.System);
            services.AddSingleton<IEmailLookup, SendGridEmailLookup>();
        }
        else
        {
            services.AddSingleton<IEmailSender, DevOutboxSender>();
            services.AddSingleton<IEmailLookup, DevOutboxSender>();
        }

        // The signed outbox key that travels with each text (status callback URL), and the reconciliation of Pending rows,
        // whose window must outlast a send with all its retries (or it could resend a message still on its way).
        services.TryAddSingleton<MessageCallbackTokens>();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName).ValidateDataAnnotations()
            .Validate<IOptions<MessagingOptions>>((outbox, messaging) => outbox.ReconcileAfter > messaging.Value.TotalTimeout,
                "Outbox:ReconcileAfter must be longer than Messaging:TotalTimeout, or a send still in progress could be sent again.")
            .ValidateOnStart();

        // Webhook signature checks; with the vendor's secret unset they reject everything.
        services.AddSingleton<TwilioSignatureValidator>();
        services.AddSingleton<SendGridEventSignatureValidator>();
        return services;
    }

    /// <summary>
    /// A named HttpClient for one vendor: a total timeout around retries (429, 5xx and connection failures; exponential
    /// backoff with jitter; a Retry-After header up to RetryMaxDelay is honoured) around a per-attempt timeout. Other 4xx are returned at once.
    /// An attempt that timed out is not retried: the vendor may have accepted it, and a second text is worse than a late one.
    /// The SDK client holding it lives for the app's lifetime, so connections are recycled by the primary handler.
    /// </summary>
    private static void AddVendorHttpClient(IServiceCollection services, string name, string? baseUrl)
    {
        var builder = services.AddHttpClient(name)
            // The pipeline's timeouts govern; HttpClient's own 100 s default would surface as a cancellation instead.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        if (!string.IsNullOrEmpty(baseUrl))
        {
            var address = new Uri(baseUrl, UriKind.Absolute);
            builder.AddHttpMessageHandler(() => new BaseAddressOverrideHandler(address));
        }

        builder.AddResilienceHandler(name + "-retry", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<MessagingOptions>>().Value;
            pipeline.AddTimeout(options.TotalTimeout);
            if (options.MaxRetryAttempts > 0)
            {
                var maxDelay = options.RetryMaxDelay;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetryAttempts,
                    Delay = options.RetryBaseDelay,
                    MaxDelay = maxDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    // Retry-After is read below instead, so that a wait longer than RetryMaxDelay is refused, not slept through.
                    ShouldRetryAfterHeader = false,
                    DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                    ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, maxDelay)),
                });
            }

            pipeline.AddTimeout(options.AttemptTimeout);
        });
    }

    /// <summary>
    /// 429 and 5xx responses, and failures to connect (the request was never written); not a connection lost after the
    /// request went out (<see cref="VendorFailure"/>: the vendor may have taken it); and not
    /// a response whose Retry-After asks for more than <paramref name="maxDelay"/>: that send fails now and the
    /// activity's retry policy tries again later.
    /// </summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxDelay) => outcome switch
    {
        { Exception: HttpRequestException failure } => !VendorFailure.MayHaveReachedVendor(failure),
        { Result: { } response } => VendorStatus.IsTransient((int)response.StatusCode) && !(RetryAfter(response) > maxDelay),
        _ => false,
    };

    /// <summary>The wait a Retry-After header asks for (seconds or a date), or null for none (the backoff applies).</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response) => response?.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
