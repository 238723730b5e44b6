using System.ComponentModel.DataAnnotations;

namespace OncologyMassage.Workflow.Options;

/// <summary>
/// App Service resolves <c>@Microsoft.KeyVault(...)</c> app settings at start-up; when it cannot (the secret is missing,
/// the identity may not read it, the vault is unreachable) the app sees the reference text itself. Such a value is
/// never a secret: every place that reads a secret treats it as missing, so the app fails closed instead of signing
/// or checking with the reference text.
/// </summary>
public static class KeyVaultReferences
{
    public const string Prefix = "@Microsoft.KeyVault(";

    /// <summary>True when <paramref name="value"/> is a Key Vault reference App Service did not resolve.</summary>
    public static bool IsUnresolved(string? value) =>
        value is not null && value.TrimStart().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The secret, or "" when it is unset or an unresolved reference.</summary>
    public static string ValueOrEmpty(string? value) => value is null || IsUnresolved(value) ? "" : value;
}

/// <summary>
/// Marks a setting that holds a secret: an unresolved Key Vault reference fails validation with a message that names the
/// setting and the cause (never the value). With <see cref="Optional"/> the reference counts as "not set" instead, and the
/// feature that needs the secret refuses (e.g. a previous link-signing key that was never stored).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SecretAttribute : ValidationAttribute
{
    public bool Optional { get; set; }

    public override bool IsValid(object? value) => Optional || !KeyVaultReferences.IsUnresolved(value as string);

    public override string FormatErrorMessage(string name) =>
        $"{name} holds a Key Vault reference that App Service could not resolve: check that the secret exists and that the app's identity may read it, then restart.";
}
