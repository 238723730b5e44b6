using OncologyMassage.Workflow.Ports;

namespace OncologyMassage.Workflow.Activities;

/// <summary>Input of <see cref="CheckCareTeamContactAllowed"/>.</summary>
public sealed record CareTeamContactQuery(string ReferralId);

/// <summary>
/// Whether the client allowed us to contact their care team, as they answered on the intake form ("You may contact my
/// care team about my sessions"). No intake on file, or the box left unticked, is a no: nothing about the client goes to
/// the care team on our initiative. Only the yes/no leaves the activity, never the intake itself.
/// </summary>
public sealed class CheckCareTeamContactAllowed(IIntakeStore intakes) : IActivity<CareTeamContactQuery, bool>
{
    public async Task<bool> RunAsync(CareTeamContactQuery input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return (await intakes.GetAsync(input.ReferralId, cancellationToken))?.Intake.PermissionToContactCareTeam == true;
    }
}
