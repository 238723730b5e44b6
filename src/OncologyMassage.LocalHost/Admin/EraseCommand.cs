using OncologyMassage.Domain.Referrals;
using OncologyMassage.Functions.Http;
using OncologyMassage.Workflow.Access;
using OncologyMassage.Workflow.Durable;
using OncologyMassage.Workflow.Privacy;

namespace OncologyMassage.LocalHost.Admin;

/// <summary>
/// <c>erase --referral &lt;id&gt;</c> or <c>erase --phone &lt;E.164&gt;</c> (every referral of the number): terminates and
/// purges the orchestration and deletes every row of the referral in every table, leaving an audit tombstone (who, when,
/// which referral id). Safe to run again, e.g. after it stopped halfway (docs/privacy.md).
/// </summary>
internal static class EraseCommand
{
    public const string Name = "erase";

    private const string Usage = """
        usage: erase --referral <referral id>      erase one referral and all that is stored about it
               erase --phone <+E.164 number>       erase every referral of that mobile number
               [--by "<operator>"] [--DurableTaskHubName=<hub>] [--AzureWebJobsStorage:accountName=<account>] [--Storage:TablePrefix=<prefix>]
        """;

    public static async Task<int> RunAsync(string[] words, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        var (referral, phone) = (configuration["referral"], configuration["phone"]);
        string? e164 = null;
        if (words.Length > 0 || (referral is null) == (phone is null)
            || (referral is not null && !ReferralScope.IsReferralId(referral))
            || (phone is not null && (!phone.StartsWith('+') || !new PhoneNumberNormalizer().TryNormalize(phone, mustBeMobile: false, out e164))))
        {
            await error.WriteLineAsync(Usage + "       name exactly one of --referral (ref- and 32 hex digits) and --phone (+ and country code)");
            return AdminCommands.Refused;
        }

        await using var storage = await AdminStorage.OpenAsync(configuration);
        var by = new PrivacyActor(AuditCallers.Admin, storage.Operator);
        await using var durable = storage.CreateDurableClient();
        var erasure = ActivatorUtilities.CreateInstance<ReferralErasure>(storage.Services,
            new DurableReferralWorkflowClient(new FixedDurableClientSource(durable))); // the app's task hub, not this process's
        var results = referral is not null
            ? [await erasure.EraseAsync(referral, by, CancellationToken.None)]
            : await erasure.EraseByPhoneAsync(e164!, by, CancellationToken.None);
        if (results.Count == 0)
        {
            await output.WriteLineAsync("No referral uses that number; its texts in the inbox, if any, were erased.");
        }

        foreach (var result in results)
        {
            await output.WriteLineAsync(
                $"Erased {result.ReferralId}: {result.RowsDeleted} row(s), {result.InstancesPurged} orchestration instance(s) purged"
                + (result.ReferralFound ? "." : " (no referral row was left: erased before, or never existed).")
                + (result.StoppedInTime ? "" : " The orchestration had not stopped yet; its termination takes effect when the app next runs."));
        }

        return 0;
    }
}
