using System.ComponentModel.DataAnnotations;

namespace OncologyMassage.Workflow.Options;

/// <summary>Public address of the app, used to build links in messages (section <c>Links</c>).</summary>
public sealed class LinkOptions
{
    public const string SectionName = "Links";

    /// <summary>The externally visible base URL (behind any proxy), e.g. https://om-func.azurewebsites.net.</summary>
    [Required]
    [Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:7071";
}
