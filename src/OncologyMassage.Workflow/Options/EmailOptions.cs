using System.ComponentModel.DataAnnotations;

namespace OncologyMassage.Workflow.Options;

/// <summary>Sender identity for outgoing email (section <c>Email</c>).</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    [Required]
    [EmailAddress]
    public string FromAddress { get; set; } = "referrals@oncologymassage.example";

    [Required]
    public string FromName { get; set; } = "Oncology Massage Referrals";
}
