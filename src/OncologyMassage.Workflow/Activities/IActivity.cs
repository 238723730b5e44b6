namespace OncologyMassage.Workflow.Activities;

/// <summary>
/// An activity: an ordinary DI class with one method. The Functions app wraps it in an [ActivityTrigger] function and the
/// local engine in a Durable Task shim (see <see cref="WorkflowRegistry"/>); ids it needs travel in the input.
/// Activities run at least once, so each must be idempotent.
/// </summary>
public interface IActivity<in TInput, TOutput>
{
    Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken);
}
