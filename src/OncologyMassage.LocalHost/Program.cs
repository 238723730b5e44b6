using OncologyMassage.LocalHost;
using OncologyMassage.LocalHost.Admin;
using OncologyMassage.LocalHost.Demo;
using OncologyMassage.LocalHost.Http;

// dotnet run --project src/OncologyMassage.LocalHost [-- --demo]
// Starts Azurite, the Durable Task engine and the HTTP API on http://localhost:7071; Ctrl+C stops all of it.
// dotnet run --project src/OncologyMassage.LocalHost -- practice-key|venue|coordinator …: the clinic's admin commands.
if (await AdminCommands.TryRunAsync(args, Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

WebApplication app;
try
{
    app = await LocalHostApp.BuildAsync(args);
}
catch (LocalHostRefusedException refused)
{
    await Console.Error.WriteLineAsync(refused.Message);
    return 2;
}

app.Lifetime.ApplicationStarted.Register(() =>
{
    var url = app.Urls.FirstOrDefault() ?? LocalHostApp.DefaultUrl;
    Console.WriteLine($$"""

        OncologyMassage local host is running on {{url}}
          Dashboard for coordinators: {{url}}/
          POST {{url}}/api/referrals                 submit a referral (sample: docs/samples/referral.json)
          GET  {{url}}/api/referrals/{id}            where a referral stands
          GET  {{url}}/api/referrals/{id}/timeline   its timeline
          Practice key for the samples: X-Api-Key: {{DemoReferrals.PracticeApiKey}}
          Coordinators (development sign-in, a cookie): GET {{url}}/api/dev/coordinators, then
            curl -c om.cookies -X POST {{url}}/api/dev/sign-in -H 'content-type: application/json' -d '{"coordinatorId":"{{DevSignIn.DemoCoordinators[0].Id}}"}'
            curl -b om.cookies {{url}}/api/pipeline          (demo coordinators: {{string.Join(", ", DevSignIn.DemoCoordinators.Select(c => c.Id))}})
        Press Ctrl+C to stop (Azurite included).

        """);
});
await app.RunAsync();
return 0;
