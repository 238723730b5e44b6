namespace OncologyMassage.LocalHost;

/// <summary>The local host will not start as configured; the message says why and what to change.</summary>
public sealed class LocalHostRefusedException : Exception
{
    public LocalHostRefusedException()
    {
    }

    public LocalHostRefusedException(string message)
        : base(message)
    {
    }

    public LocalHostRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
