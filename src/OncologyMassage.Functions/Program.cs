using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OncologyMassage.Functions.Http;
using OncologyMassage.Functions.Middleware;
using OncologyMassage.Functions.Telemetry;
using OncologyMassage.Workflow.Durable;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<DurableClientMiddleware>(); // the invocation's [DurableClient] reaches Workflow's IReferralWorkflowClient
builder.UseMiddleware<SecurityHeadersMiddleware>();
builder.UseMiddleware<ProblemDetailsMiddleware>();
builder.UseMiddleware<CallerGateMiddleware>(); // who may call each HTTP function: decided before it runs
builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
builder.Services.AddSingleton<ITelemetryInitializer, TokenRedactingTelemetryInitializer>(); // no signed-link token in telemetry
builder.Logging.AddPathSafeFilters(); // no request path in logs: the route template only
builder.Services.AddOncologyMassageHttp(builder.Configuration);
builder.Services.AddHostedService(sp => sp.GetRequiredService<OncologyMassage.Workflow.Referrals.AfterAnswerWork>()); // drains the starts after the answer on a graceful stop (decision 0010)
builder.Services.AddSingleton<InvocationDurableClientSource>().AddSingleton<IDurableClientSource>(sp => sp.GetRequiredService<InvocationDurableClientSource>());
builder.Build().Run();
