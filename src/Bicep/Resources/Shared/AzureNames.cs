using System.Text.RegularExpressions;
using Provisioning.Bicep.Model;

namespace Provisioning.Bicep.Resources.Shared;

/// <summary>
/// Azure's naming rules for the typed resources, from "Naming rules and restrictions for Azure resources".
/// Kept in one place so the rules can be compared side by side; each resource type's <c>NamingRule</c> points here.
/// </summary>
public static partial class AzureNames
{
    /// <summary>Container apps and jobs: lowercase letters, digits and hyphens, start with a letter, end alphanumeric, no "--".</summary>
    public static NamingRule ContainerApp { get; } = new(2, 32, ContainerAppPattern(),
        "lowercase letters, digits and '-'; start with a letter, end with a letter or digit, no '--'", NameUniquenessScope.ResourceGroup);

    public static NamingRule ContainerAppsEnvironment { get; } = new(2, 60, AlphanumericHyphenPattern(),
        "letters, digits and '-'; start and end with a letter or digit", NameUniquenessScope.ResourceGroup);

    /// <summary>Key Vault names become DNS names (<c>name.vault.azure.net</c>), so they are global and short.</summary>
    public static NamingRule KeyVault { get; } = new(3, 24, KeyVaultPattern(),
        "letters, digits and '-'; start with a letter, end with a letter or digit, no '--'", NameUniquenessScope.Global);

    public static NamingRule KeyVaultSecret { get; } = new(1, 127, SecretPattern(),
        "letters, digits and '-'", NameUniquenessScope.Parent);

    public static NamingRule UserAssignedIdentity { get; } = new(3, 128, IdentityPattern(),
        "letters, digits, '-' and '_'; start with a letter or digit", NameUniquenessScope.ResourceGroup);

    /// <summary>Role assignment and similar names must be GUIDs.</summary>
    public static NamingRule Guid { get; } = new(36, 36, GuidPattern(), "a GUID", NameUniquenessScope.Parent);

    /// <summary>PostgreSQL flexible server names become <c>name.postgres.database.azure.com</c>.</summary>
    public static NamingRule PostgreSqlServer { get; } = new(3, 63, LowercaseHyphenPattern(),
        "lowercase letters, digits and '-'; start and end with a letter or digit", NameUniquenessScope.Global);

    public static NamingRule PostgreSqlDatabase { get; } = new(1, 63, DatabasePattern(),
        "letters, digits, '-' and '_'; start with a letter or '_'", NameUniquenessScope.Parent);

    public static NamingRule PostgreSqlConfiguration { get; } = new(1, 128, ConfigurationPattern(),
        "a server parameter name: lowercase letters, digits, '_' and '.'", NameUniquenessScope.Parent);

    public static NamingRule PostgreSqlFirewallRule { get; } = new(1, 128, FirewallRulePattern(),
        "letters, digits, '-' and '_'", NameUniquenessScope.Parent);

    public static NamingRule LogAnalyticsWorkspace { get; } = new(4, 63, AlphanumericHyphenPattern(),
        "letters, digits and '-'; start and end with a letter or digit", NameUniquenessScope.ResourceGroup);

    /// <summary>Monitor resources (components, action groups, alerts, diagnostic settings) allow almost anything but a few URL characters.</summary>
    public static NamingRule MonitorResource { get; } = new(1, 260, MonitorPattern(),
        "any characters except *#&+:<>?@%{}\\/ and control characters; must not end with a space or '.'", NameUniquenessScope.ResourceGroup);

    /// <summary>Storage account names become DNS names and allow only lowercase letters and digits.</summary>
    public static NamingRule StorageAccount { get; } = new(3, 24, StoragePattern(),
        "lowercase letters and digits only", NameUniquenessScope.Global);

    public static NamingRule ContainerRegistry { get; } = new(5, 50, RegistryPattern(),
        "letters and digits only", NameUniquenessScope.Global);

    public static NamingRule VirtualNetwork { get; } = new(2, 64, NetworkPattern(),
        "letters, digits, '_', '.' and '-'; start with a letter or digit, end with a letter, digit or '_'", NameUniquenessScope.ResourceGroup);

    public static NamingRule Subnet { get; } = new(1, 80, NetworkPattern(),
        "letters, digits, '_', '.' and '-'; start with a letter or digit, end with a letter, digit or '_'", NameUniquenessScope.Parent);

    public static NamingRule PrivateEndpoint { get; } = new(2, 64, NetworkPattern(),
        "letters, digits, '_', '.' and '-'; start with a letter or digit, end with a letter, digit or '_'", NameUniquenessScope.ResourceGroup);

    public static NamingRule VirtualNetworkLink { get; } = new(1, 80, NetworkPattern(),
        "letters, digits, '_', '.' and '-'; start with a letter or digit, end with a letter, digit or '_'", NameUniquenessScope.Parent);

    public static NamingRule PrivateDnsZoneGroup { get; } = new(1, 80, NetworkPattern(),
        "letters, digits, '_', '.' and '-'; start with a letter or digit, end with a letter, digit or '_'", NameUniquenessScope.Parent);

    public static NamingRule PrivateDnsZone { get; } = new(1, 253, DnsZonePattern(),
        "a DNS zone name: labels of letters, digits and '-' separated by '.'", NameUniquenessScope.ResourceGroup);

    public static NamingRule ManagementLock { get; } = new(1, 90, LockPattern(),
        "letters, digits, '.', '_', '-', '(' and ')'; must not end with '.'", NameUniquenessScope.Parent);

    [GeneratedRegex("^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$")]
    private static partial Regex ContainerAppPattern();

    [GeneratedRegex("^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$")]
    private static partial Regex AlphanumericHyphenPattern();

    [GeneratedRegex("^[a-zA-Z](?!.*--)[a-zA-Z0-9-]*[a-zA-Z0-9]$")]
    private static partial Regex KeyVaultPattern();

    [GeneratedRegex("^[a-zA-Z0-9-]+$")]
    private static partial Regex SecretPattern();

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_-]*$")]
    private static partial Regex IdentityPattern();

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex GuidPattern();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex LowercaseHyphenPattern();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_-]*$")]
    private static partial Regex DatabasePattern();

    [GeneratedRegex("^[a-z0-9_.]+$")]
    private static partial Regex ConfigurationPattern();

    [GeneratedRegex("^[a-zA-Z0-9_-]+$")]
    private static partial Regex FirewallRulePattern();

    [GeneratedRegex(@"^[^*#&+:<>?@%{}\\/\p{Cc}]*[^*#&+:<>?@%{}\\/\p{Cc} .]$")]
    private static partial Regex MonitorPattern();

    [GeneratedRegex("^[a-z0-9]+$")]
    private static partial Regex StoragePattern();

    [GeneratedRegex("^[a-zA-Z0-9]+$")]
    private static partial Regex RegistryPattern();

    [GeneratedRegex("^[a-zA-Z0-9](?:[a-zA-Z0-9_.-]*[a-zA-Z0-9_])?$")]
    private static partial Regex NetworkPattern();

    [GeneratedRegex("^(?=.{1,253}$)(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$")]
    private static partial Regex DnsZonePattern();

    [GeneratedRegex(@"^[a-zA-Z0-9._()-]*[a-zA-Z0-9_()-]$")]
    private static partial Regex LockPattern();
}
