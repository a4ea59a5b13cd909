using System.Globalization;
using Provisioning.Environments.Model;

namespace Provisioning.Environments.Configuration;

/// <summary>
/// The rules a schema cannot express: combinations Azure refuses at deploy time (far too late), and the production
/// guard rails of the production tier. Pure: configuration in, problems out.
/// </summary>
public static class ConfigurationRules
{
    // Azure regions that offer Container Apps and PostgreSQL Flexible Server; a typo here fails only at deploy time otherwise.
    private static readonly string[] KnownRegions =
    [
        "australiaeast", "australiasoutheast", "brazilsouth", "canadacentral", "canadaeast", "centralindia", "centralus",
        "eastasia", "eastus", "eastus2", "francecentral", "germanywestcentral", "italynorth", "japaneast", "japanwest",
        "koreacentral", "northcentralus", "northeurope", "norwayeast", "polandcentral", "qatarcentral", "southafricanorth",
        "southcentralus", "southeastasia", "southindia", "spaincentral", "swedencentral", "switzerlandnorth", "uaenorth",
        "uksouth", "ukwest", "westcentralus", "westeurope", "westus", "westus2", "westus3",
    ];

    public static IReadOnlyList<ConfigurationProblem> Check(EnvironmentConfiguration c) => Check(c, TodoSystem.Description);

    /// <summary>The rules, with the components (whose images the file must name) of <paramref name="system"/>.</summary>
    public static IReadOnlyList<ConfigurationProblem> Check(EnvironmentConfiguration c, SystemDescription system)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(system);
        var problems = new List<ConfigurationProblem>();
        void Add(string path, string message, string fix) => problems.Add(new(c.SourceFile, path, message, fix));

        if (!KnownRegions.Contains(c.Location))
        {
            var closest = KnownRegions.OrderBy(r => EditDistance.Between(r, c.Location)).First();
            Add("$.location", $"{SecretRedaction.Describe(c.Location)} is not a region this deployment supports.", $"use a region such as '{closest}' (supported: {string.Join(", ", KnownRegions)}).");
        }

        CheckImages(c, system, Add);
        CheckApp(c.Frontend, "$.frontend", Add);
        CheckApp(c.Backend, "$.backend", Add);
        CheckApp(c.Mcp, "$.mcp", Add);
        CheckApp(new AppSettings { Cpu = c.Probe.Cpu, Memory = c.Probe.Memory, MinReplicas = c.Probe.MinReplicas, MaxReplicas = 1 }, "$.probe", Add);
        CheckAlertWindows(c, Add);
        CheckDatabase(c.Database, Add);
        CheckNetwork(c.Network, Add);

        if (c.IsProduction)
        {
            CheckProductionGuardRails(c, Add);
        }
        return problems;
    }

    private static void CheckImages(EnvironmentConfiguration c, SystemDescription system, Action<string, string, string> add)
    {
        var components = system.Components.Select(x => x.Name).ToList();
        foreach (var missing in components.Where(name => !c.Images.ContainsKey(name)))
        {
            add("$.images", $"there is no image for the component '{missing}'.", $"add \"{missing}\": \"todo-{missing}:<version>\" to images.");
        }
        foreach (var unknown in c.Images.Keys.Where(name => !components.Contains(name)))
        {
            var closest = components.OrderBy(name => EditDistance.Between(name, unknown)).First();
            add($"$.images.{unknown}", $"{SecretRedaction.Describe(unknown)} is not a component of the system.", $"did you mean '{closest}'? Images are named after the components: {string.Join(", ", components)}.");
        }
        foreach (var (component, image) in c.Images)
        {
            if (image.EndsWith(":latest", StringComparison.Ordinal))
            {
                add($"$.images.{component}", $"{SecretRedaction.Describe(image)} uses the tag 'latest', so a redeploy may run different code.",
                    "pin a version tag (e.g. :1.4.2) or a digest (@sha256:…) so every environment is reproducible.");
            }
        }
    }

    private static void CheckApp(AppSettings app, string path, Action<string, string, string> add)
    {
        if (app.Cpu * 4 != decimal.Truncate(app.Cpu * 4))
        {
            add($"{path}.cpu", $"{Format(app.Cpu)} vCPU is not a Container Apps size.", "use a multiple of 0.25 between 0.25 and 2.");
        }
        var expectedMemory = Format(app.Cpu * 2) + "Gi";
        if (app.Memory != expectedMemory)
        {
            add($"{path}.memory", $"{Format(app.Cpu)} vCPU with {app.Memory} is not a valid Container Apps combination.",
                $"use \"memory\": \"{expectedMemory}\" (memory is twice the vCPU on the consumption plan: 0.25/0.5Gi, 0.5/1Gi, … 2/4Gi).");
        }
        if (app.MinReplicas > app.MaxReplicas)
        {
            add($"{path}.minReplicas", $"minReplicas {app.MinReplicas} is above maxReplicas {app.MaxReplicas}.",
                "lower minReplicas or raise maxReplicas.");
        }
    }

    /// <summary>
    /// The alert windows follow the probe's interval (<see cref="AlertWindows"/>): a schedule without a fixed interval
    /// would make "probe silent" fire between runs, and a probe so rare that three runs exceed a day cannot be alerted on.
    /// </summary>
    private static void CheckAlertWindows(EnvironmentConfiguration c, Action<string, string, string> add)
    {
        int interval;
        try
        {
            interval = ProbeSchedule.IntervalSeconds(c.Probe.Schedule);
        }
        catch (FormatException ex)
        {
            add(ConfigurationSettings.ProbeSchedule, $"the alert windows follow the probe's interval, which cannot be read from {ex.Message}",
                "use a schedule that repeats at a fixed interval, e.g. \"0 */1 * * * *\" (every minute), \"0 */15 * * * *\" or \"0 0 */2 * * *\" (every 2 hours).");
            return;
        }
        var windows = AlertWindows.For(TimeSpan.FromSeconds(interval), c.Alerts.EvaluationFrequency);
        if (!windows.IsOffered)
        {
            add(ConfigurationSettings.ProbeSchedule, $"a probe every {AlertWindows.Words(TimeSpan.FromSeconds(interval))} needs the check alerts to look back {AlertWindows.Words(windows.Check)} " +
                $"({AlertWindows.FailedRunsInARow} runs and one evaluation), longer than the {AlertWindows.Words(AlertWindows.Longest)} a log alert window may span.",
                "run the probe at least every 7 hours, e.g. \"0 0 */6 * * *\".");
        }
    }

    private static void CheckDatabase(DatabaseSettings db, Action<string, string, string> add)
    {
        var expectedFamily = db.Tier switch
        {
            DatabaseTier.Burstable => "Standard_B",
            DatabaseTier.GeneralPurpose => "Standard_D",
            _ => "Standard_E",
        };
        if (!db.SkuName.StartsWith(expectedFamily, StringComparison.Ordinal))
        {
            add("$.database.skuName", $"SKU {SecretRedaction.Describe(db.SkuName)} does not belong to the {db.Tier} tier.",
                $"use a {expectedFamily}… SKU for {db.Tier}, or change the tier to match the SKU.");
        }
        if (db.HighAvailability && db.Tier == DatabaseTier.Burstable)
        {
            add("$.database.highAvailability", "high availability is not offered on the Burstable tier.",
                "set \"tier\": \"GeneralPurpose\" with a Standard_D… SKU, or turn highAvailability off.");
        }
    }

    private static void CheckNetwork(NetworkSettings network, Action<string, string, string> add)
    {
        if (network.Isolation == NetworkIsolation.Private)
        {
            if (network.AddressSpace is null)
            {
                add("$.network.addressSpace", "private isolation needs a VNet address space.", "add \"addressSpace\": \"10.40.0.0/16\" (any free /16 to /22 block).");
            }
            else if (!IsValidCidr(network.AddressSpace))
            {
                add("$.network.addressSpace", $"{SecretRedaction.Describe(network.AddressSpace)} is not a valid IPv4 CIDR block.", "use four octets of 0-255 and a prefix of 16 to 22, e.g. 10.40.0.0/16.");
            }
            else if (AlignedNetwork(network.AddressSpace) is { } aligned && aligned != network.AddressSpace)
            {
                // The subnets are carved from the start of the block; a block that does not start on its boundary
                // would give subnets outside it.
                add("$.network.addressSpace", $"{SecretRedaction.Describe(network.AddressSpace)} does not start on its /{network.AddressSpace.Split('/')[1]} boundary.",
                    $"use '{aligned}'.");
            }
            if (network.AllowedIpRanges.Count > 0)
            {
                add("$.network.allowedIpRanges", "firewall ranges have no effect with private isolation (PostgreSQL has no public endpoint).",
                    "remove allowedIpRanges, or reach the database through the VNet.");
            }
        }
        else
        {
            if (network.ZoneRedundant)
            {
                add("$.network.zoneRedundant", "a zone-redundant Container Apps environment needs VNet integration.",
                    "set \"isolation\": \"private\" with an addressSpace, or turn zoneRedundant off.");
            }
            if (network.AddressSpace is not null)
            {
                add("$.network.addressSpace", "an address space is only used with private isolation.", "remove addressSpace or set \"isolation\": \"private\".");
            }
        }

        for (var i = 0; i < network.AllowedIpRanges.Count; i++)
        {
            var range = network.AllowedIpRanges[i];
            var path = $"$.network.allowedIpRanges[{i}]";
            var start = ParseIPv4(range.Start);
            var end = ParseIPv4(range.End);
            if (start is null)
            {
                add($"{path}.start", $"{SecretRedaction.Describe(range.Start)} is not an IPv4 address.", "use four octets of 0-255.");
            }
            if (end is null)
            {
                add($"{path}.end", $"{SecretRedaction.Describe(range.End)} is not an IPv4 address.", "use four octets of 0-255.");
            }
            if (start is not null && end is not null && start > end)
            {
                add(path, $"the range starts ({SecretRedaction.Describe(range.Start, quote: false)}) after it ends ({SecretRedaction.Describe(range.End, quote: false)}).", "swap start and end.");
            }
            if (range.Start == "0.0.0.0" && range.End == "255.255.255.255")
            {
                add(path, "the range opens the database to the whole internet.", "list only the client ranges that need access.");
            }
        }
    }

    /// <summary>
    /// The production guard rails <paramref name="c"/> lacks, whatever its tier: what an environment that was production
    /// loses when its file moves it to another tier.
    /// </summary>
    public static IReadOnlyList<ConfigurationProblem> MissingProductionGuardRails(EnvironmentConfiguration c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var problems = new List<ConfigurationProblem>();
        CheckProductionGuardRails(c, (path, message, fix) => problems.Add(new(c.SourceFile, path, message, fix)));
        return problems;
    }

    private static void CheckProductionGuardRails(EnvironmentConfiguration c, Action<string, string, string> add)
    {
        const string why = "production must survive a zone outage and an accidental delete.";
        if (!c.Database.HighAvailability)
        {
            add("$.database.highAvailability", $"production runs without zone-redundant high availability; {why}", "set \"highAvailability\": true.");
        }
        if (!c.Database.GeoRedundantBackup)
        {
            add("$.database.geoRedundantBackup", "production backups are not geo-redundant.", "set \"geoRedundantBackup\": true.");
        }
        if (c.Database.BackupRetentionDays < 35)
        {
            add("$.database.backupRetentionDays", $"production keeps backups for {c.Database.BackupRetentionDays} days.", "set \"backupRetentionDays\": 35.");
        }
        if (!c.KeyVault.PurgeProtection)
        {
            add("$.keyVault.purgeProtection", "the production Key Vault is not purge-protected, so deleted secrets can be purged at once.", "set \"purgeProtection\": true.");
        }
        if (!c.Locks)
        {
            add("$.locks", $"production has no delete locks; {why}", "set \"locks\": true.");
        }
        if (!c.IsPrivate)
        {
            add("$.network.isolation", "production exposes PostgreSQL and Key Vault on public endpoints.", "set \"isolation\": \"private\" with an addressSpace.");
        }
        if (!c.Network.ZoneRedundant)
        {
            add("$.network.zoneRedundant", $"production's Container Apps environment is not zone-redundant; {why}", "set \"zoneRedundant\": true.");
        }
        foreach (var (path, app) in new (string, AppSettings)[] { ("$.frontend", c.Frontend), ("$.backend", c.Backend), ("$.mcp", c.Mcp) })
        {
            if (app.MinReplicas < 2)
            {
                add($"{path}.minReplicas", $"production runs {app.MinReplicas} replica(s) at minimum; one restart is an outage.", "set \"minReplicas\": 2 or more.");
            }
        }
    }

    private static bool IsValidCidr(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && ParseIPv4(cidr[..slash]) is not null;
    }

    /// <summary>The block's own network address, e.g. 10.40.0.0/16 for 10.40.1.0/16.</summary>
    private static string? AlignedNetwork(string cidr)
    {
        var parts = cidr.Split('/');
        if (ParseIPv4(parts[0]) is not { } address || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
        {
            return null;
        }
        var network = address & (uint.MaxValue << (32 - bits));
        return string.Create(CultureInfo.InvariantCulture, $"{network >> 24}.{(network >> 16) & 255}.{(network >> 8) & 255}.{network & 255}/{bits}");
    }

    private static uint? ParseIPv4(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return null;
        }
        uint value = 0;
        foreach (var part in parts)
        {
            if (!byte.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var octet))
            {
                return null;
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    private static string Format(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
