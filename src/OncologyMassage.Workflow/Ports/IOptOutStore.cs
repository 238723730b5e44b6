namespace OncologyMassage.Workflow.Ports;

/// <summary>
/// SMS consent per number (table <c>OptOuts</c>): STOP and its variants opt a number out of every text from the clinic,
/// START opts it back in. Checked before every SMS send; an opted-out client is reached by email where allowed.
/// </summary>
public interface IOptOutStore
{
    Task<bool> IsOptedOutAsync(string phoneE164, CancellationToken cancellationToken);

    Task OptOutAsync(string phoneE164, DateTimeOffset at, string keyword, CancellationToken cancellationToken);

    Task OptInAsync(string phoneE164, DateTimeOffset at, CancellationToken cancellationToken);
}
