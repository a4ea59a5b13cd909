namespace Provisioning.Bicep.Naming;

/// <summary>When a generated name ends with <c>uniqueString(…)</c>.</summary>
public enum UniqueSuffix
{
    /// <summary>Only for types whose names must be unique across Azure (they become DNS names: vaults, storage, servers).</summary>
    WhenGloballyUnique,
    Always,
    Never,
}
