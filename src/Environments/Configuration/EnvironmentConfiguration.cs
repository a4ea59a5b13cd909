namespace Provisioning.Environments.Configuration;

/// <summary>
/// One environment's settings (the spec's DeploymentConfiguration): only what really differs between dev, staging
/// and prod. Secrets are never part of it; they arrive at deployment time as secure parameters.
/// </summary>
public sealed record EnvironmentConfiguration
{
    /// <summary>The environment name, taken from the file name (<c>env/dev.json</c> → <c>dev</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Where it was read from, for messages.</summary>
    public required string SourceFile { get; init; }

    /// <summary>What the environment is for; <see cref="EnvironmentTier.Production"/> turns on the guard rails.</summary>
    public required EnvironmentTier Tier { get; init; }

    public required string Location { get; init; }

    public required string NamePrefix { get; init; }

    public required string AlertEmail { get; init; }

    /// <summary>The image of each component, keyed by component name (<c>images.backend</c> → <c>backend</c>).</summary>
    public required IReadOnlyDictionary<string, string> Images { get; init; }

    public required FrontendSettings Frontend { get; init; }

    public required BackendSettings Backend { get; init; }

    public required AppSettings Mcp { get; init; }

    public required DatabaseSettings Database { get; init; }

    public KeyVaultSettings KeyVault { get; init; } = new();

    public required NetworkSettings Network { get; init; }

    public bool Locks { get; init; }

    public ProbeSettings Probe { get; init; } = new();

    /// <summary>How the probe's log alerts are evaluated and grouped; the defaults alert within minutes.</summary>
    public AlertSettings Alerts { get; init; } = new();

    public bool IsPrivate => Network.Isolation == NetworkIsolation.Private;

    /// <summary>Production guard rails, longer log retention and load-based scaling apply.</summary>
    public bool IsProduction => Tier == EnvironmentTier.Production;
}

/// <summary>What an environment is for, whatever it is called.</summary>
public enum EnvironmentTier
{
    Development,
    Staging,
    Production,
}

/// <summary>Size and scale of one container app.</summary>
public record AppSettings
{
    public required decimal Cpu { get; init; }

    public required string Memory { get; init; }

    public required int MinReplicas { get; init; }

    public required int MaxReplicas { get; init; }
}

public sealed record FrontendSettings : AppSettings
{
    /// <summary>NEXT_PUBLIC_OPENAI_DOMAIN_KEY: public by design (it ships to browsers), so it may live in the file.</summary>
    public required string OpenAiDomainKey { get; init; }
}

public sealed record BackendSettings : AppSettings
{
    /// <summary>Whether OPENAI_API_KEY is wired (its value is a secure parameter, never in the file).</summary>
    public bool OpenAiApiKey { get; init; }
}

public enum DatabaseTier
{
    Burstable,
    GeneralPurpose,
    MemoryOptimized,
}

public sealed record DatabaseSettings
{
    public required string SkuName { get; init; }

    public required DatabaseTier Tier { get; init; }

    public required int StorageSizeGB { get; init; }

    public required int BackupRetentionDays { get; init; }

    public bool GeoRedundantBackup { get; init; }

    public bool HighAvailability { get; init; }
}

public sealed record KeyVaultSettings
{
    public bool PurgeProtection { get; init; }

    public int SoftDeleteRetentionDays { get; init; } = 90;
}

public enum NetworkIsolation
{
    Public,
    Private,
}

public sealed record IpRange(string Name, string Start, string End);

public sealed record NetworkSettings
{
    public required NetworkIsolation Isolation { get; init; }

    public string? AddressSpace { get; init; }

    public IReadOnlyList<IpRange> AllowedIpRanges { get; init; } = [];

    public bool ZoneRedundant { get; init; }
}

public sealed record ProbeSettings
{
    /// <summary>Every minute, at second 0 (NCRONTAB, seconds first).</summary>
    public const string DefaultSchedule = HostSettingNames.DefaultSchedule;

    public string Schedule { get; init; } = DefaultSchedule;

    /// <summary>vCPU of the probe's replica; memory must be twice as many GiB, as for the apps.</summary>
    public decimal Cpu { get; init; } = 0.5m;

    public string Memory { get; init; } = "1Gi";

    /// <summary>
    /// 1 keeps one replica running between runs (idle rate); 0 lets Container Apps start the Functions host for each
    /// timer run through the scale rule it derives from the timer trigger, and stop it afterwards.
    /// </summary>
    public int MinReplicas { get; init; } = 1;
}

/// <summary>The log alert rules on the probe's results (per check, security, "probe silent").</summary>
public sealed record AlertSettings
{
    public const string DefaultEvaluationFrequency = "PT1M";

    /// <summary>How often every log alert rule runs (ISO 8601: PT1M, PT5M, PT10M or PT15M); their windows follow it and the probe schedule.</summary>
    public string EvaluationFrequency { get; init; } = DefaultEvaluationFrequency;

    public CheckAlertRules CheckRules { get; init; } = CheckAlertRules.PerCheck;
}

/// <summary>How the "three failed runs in a row" alerts of the probe's checks are grouped into log alert rules.</summary>
public enum CheckAlertRules
{
    /// <summary>One rule per check: each failing check raises (and resolves) its own alert.</summary>
    PerCheck,

    /// <summary>One rule for every check: the first failing check raises it; its results name every check that fails.</summary>
    Combined,
}
