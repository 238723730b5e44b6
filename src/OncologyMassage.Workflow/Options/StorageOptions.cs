namespace OncologyMassage.Workflow.Options;

/// <summary>
/// Table Storage settings (section <c>Storage</c>). The account itself is the Functions host's storage,
/// <c>AzureWebJobsStorage</c>: a connection string locally, <c>AzureWebJobsStorage__accountName</c> +
/// <c>__credential=managedidentity</c> + <c>__clientId</c> in Azure.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Prefix for every table this app owns, so several environments or tests can share an account.</summary>
    [System.ComponentModel.DataAnnotations.RegularExpression("^[A-Za-z][A-Za-z0-9]{0,20}$|^$")]
    public string TablePrefix { get; set; } = "";
}
