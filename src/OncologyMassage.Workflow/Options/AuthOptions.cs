namespace OncologyMassage.Workflow.Options;

/// <summary>How coordinators are identified (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// Read the <c>x-ms-client-principal</c> header App Service authentication (Entra ID) sets. Only true where App
    /// Service authentication runs in front of the app (it strips the header from incoming requests); anywhere else a
    /// caller could forge it. The Bicep templates set it for Azure; it is false by default and in the local host.
    /// </summary>
    public bool TrustAppServicePrincipal { get; set; }
}
