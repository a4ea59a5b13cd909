using System.Globalization;
using System.Text.RegularExpressions;
using Provisioning.Bicep.State;
using Provisioning.Environments.Configuration;

namespace Provisioning.Operations;

/// <summary>What to estimate: the load and optional what-if overrides of the environment's own settings.</summary>
public sealed record CostScenario
{
    /// <summary>Steady HTTP requests per second reaching frontend, backend and mcp (each); 0 is idle.</summary>
    public decimal RequestsPerSecond { get; init; }

    /// <summary>Overrides the probe schedule read from the state (NCRONTAB).</summary>
    public string? ProbeSchedule { get; init; }

    /// <summary>Overrides every log alert's evaluation frequency (ISO 8601, e.g. PT15M).</summary>
    public string? AlertFrequency { get; init; }

    /// <summary>Every app busy at its maxReplicas all month (the ceiling a scale-out can reach; requests are not added).</summary>
    public bool AtMaxReplicas { get; init; }
}

/// <summary>One resource's (or one charge's) monthly cost, with the meters it used and how it was worked out.</summary>
public sealed record CostLine(string Resource, string Type, decimal Monthly, string Basis, IReadOnlyList<string> Meters)
{
    public bool UsesEstimate(PriceSheet sheet) => Meters.Any(m => sheet.Has(m) && sheet[m].IsEstimate);
}

/// <summary>An environment's monthly cost under one scenario.</summary>
public sealed record CostEstimate(string Environment, CostScenario Scenario, int? ProbeIntervalSeconds, IReadOnlyList<CostLine> Lines, IReadOnlyList<string> Notes)
{
    public decimal Total => Lines.Sum(l => l.Monthly);

    /// <summary>The part of the total whose lines use at least one estimated figure.</summary>
    public decimal EstimatedPart(PriceSheet sheet) => Lines.Where(l => l.UsesEstimate(sheet)).Sum(l => Math.Max(0m, l.Monthly));

    /// <summary>The total if every estimated figure were as far off, upwards, as the sheet allows.</summary>
    public decimal WorstCase(PriceSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        return Total + sheet.EstimateUncertainty * EstimatedPart(sheet);
    }
}

/// <summary>
/// Monthly cost of one deployment state from the price sheet. Works only on the state (types, SKUs, sizes, replica
/// bounds, the probe schedule the probe app is given, alert frequencies), so it prices committed and freshly generated
/// states alike. Replicas the probe keeps awake are counted: with <c>minReplicas: 0</c> an app scales to zero only after
/// the scale cooldown (300 s) without requests, so a probe more often than that keeps one replica running — billed at
/// the active rate, because idle pricing needs the app to be at its minimum replica count.
/// </summary>
public static partial class CostEstimator
{
    private const string ContainerApps = "Microsoft.App/containerApps";

    public static CostEstimate Estimate(string environment, DeploymentState state, CostScenario scenario, PriceSheet sheet)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(sheet);
        var resources = state.Resources.Where(r => !r.IsExisting).ToList();
        var notes = new List<string>();
        var lines = new List<CostLine>();
        var seconds = sheet.SecondsPerMonth;

        var probe = resources.FirstOrDefault(r => r.Type == ContainerApps && StateReading.Text(state, r, "kind") == "functionapp");
        var schedule = scenario.ProbeSchedule ?? (probe is null ? null : ProbeScheduleOf(probe));
        int? interval = schedule is null ? null : ProbeSchedule.IntervalSeconds(schedule);
        var cooldown = sheet.Price("containerApps.scale.cooldownSeconds") + sheet.Price("containerApps.scale.pollingSeconds");
        var activePerRun = sheet.Price("usage.probe.activeSecondsPerRun");
        var runs = interval is { } i ? seconds / i : 0m;

        decimal activeVcpu = 0, idleVcpu = 0, gib = 0, requests = 0, awakeReplicaMonths = 0;
        var appLines = new List<(ResourceState Resource, decimal Active, decimal Idle, decimal Gib, decimal Requests, string Basis)>();
        foreach (var app in resources.Where(r => r.Type == ContainerApps))
        {
            var cpu = ContainerCpu(app);
            var mem = ContainerMemory(app);
            var min = (int)(StateReading.Number(state, app, "properties.template.scale.minReplicas") ?? 0);
            var max = (int)(StateReading.Number(state, app, "properties.template.scale.maxReplicas") ?? 10);
            decimal active, idle, replicaSeconds, req = 0;
            string basis;
            if (app == probe && min == 0)
            {
                // Started by the platform's scale rule for the timer trigger: up for the run and the scale-in cooldown
                // after it, above its minimum of 0 replicas, so at the active rate throughout.
                var awake = interval is { } iv ? Math.Min(1m, (activePerRun + cooldown) / iv) : 0m;
                active = cpu * seconds * awake;
                idle = 0;
                replicaSeconds = seconds * awake;
                basis = $"minReplicas 0 ({Fmt(cpu)} vCPU, {Fmt(mem)} GiB): started for each run every {Interval(interval)}, up ~{Fmt(activePerRun + cooldown)} s (the run + cooldown + polling): awake {Percent(awake)}, at the active rate";
            }
            else if (app == probe)
            {
                var replicas = Math.Max(min, 1);
                var activeShare = interval is { } iv ? Math.Min(1m, activePerRun / iv) : 0m;
                active = replicas * cpu * seconds * activeShare;
                idle = replicas * cpu * seconds * (1 - activeShare);
                replicaSeconds = replicas * seconds;
                basis = $"{replicas} replica always on ({Fmt(cpu)} vCPU, {Fmt(mem)} GiB); active {Percent(activeShare)} of the time (one minute per run, runs every {Interval(interval)}), idle rate otherwise";
            }
            else
            {
                var probed = interval is not null;
                var perRun = sheet.Price("usage.probe.requestsPerRunPerApp");
                req = probed ? perRun * runs : 0;
                if (scenario.AtMaxReplicas)
                {
                    var replicas = Math.Max(max, 1);
                    active = replicas * cpu * seconds;
                    idle = 0;
                    replicaSeconds = replicas * seconds;
                    basis = $"{replicas} replica(s) (maxReplicas) busy all month";
                }
                else if (scenario.RequestsPerSecond > 0)
                {
                    var concurrency = scenario.RequestsPerSecond * sheet.Price("usage.requestSeconds");
                    var perReplica = HttpConcurrency(app) ?? sheet.Price("containerApps.scale.concurrentRequests");
                    var needed = (int)Math.Ceiling(concurrency / perReplica);
                    var replicas = Math.Clamp(needed, Math.Max(min, 1), Math.Max(max, 1));
                    active = replicas * cpu * seconds;
                    idle = 0;
                    replicaSeconds = replicas * seconds;
                    req += scenario.RequestsPerSecond * seconds;
                    basis = $"{replicas} replica(s) busy at {Fmt(scenario.RequestsPerSecond)} req/s ({Fmt(concurrency)} concurrent, {Fmt(perReplica)} per replica; bounds {min}–{max})";
                }
                else if (min >= 1)
                {
                    var activeShare = interval is { } iv ? Math.Min(1m, activePerRun / iv) : 0m;
                    active = min * cpu * seconds * activeShare;
                    idle = min * cpu * seconds * (1 - activeShare);
                    replicaSeconds = min * seconds;
                    basis = $"minReplicas {min} always on; active {Percent(activeShare)} of the time (probe requests), idle rate otherwise";
                }
                else if (interval is { } iv)
                {
                    var awake = Math.Min(1m, cooldown / iv);
                    active = cpu * seconds * awake;
                    idle = 0;
                    replicaSeconds = seconds * awake;
                    basis = awake >= 1
                        ? $"minReplicas 0, but the probe calls it every {Interval(interval)}, sooner than the {Fmt(cooldown)} s cooldown + polling: 1 replica never scales to zero, billed active (idle pricing needs the minimum replica count)"
                        : $"minReplicas 0; the probe every {Interval(interval)} wakes 1 replica for ~{Fmt(cooldown)} s (cooldown + polling): awake {Percent(awake)}";
                }
                else
                {
                    active = idle = replicaSeconds = 0;
                    basis = "minReplicas 0 and nothing calls it: scaled to zero";
                }
            }
            var appGib = mem * replicaSeconds;
            activeVcpu += active;
            idleVcpu += idle;
            gib += appGib;
            requests += req;
            awakeReplicaMonths += replicaSeconds / seconds;
            appLines.Add((app, active, idle, appGib, req, basis));
        }

        var activeRate = sheet.Price("containerApps.vcpuSecond.active");
        var idleRate = sheet.Price("containerApps.vcpuSecond.idle");
        var gibRate = sheet.Price("containerApps.gibSecond");
        var requestRate = sheet.Price("containerApps.requests.perMillion") / 1_000_000m;
        foreach (var (app, active, idle, appGib, req, basis) in appLines)
        {
            lines.Add(new CostLine(app.SymbolicName, app.Type, active * activeRate + idle * idleRate + appGib * gibRate + req * requestRate,
                basis + $"; {Fmt(req)} requests",
                ["containerApps.vcpuSecond.active", "containerApps.vcpuSecond.idle", "containerApps.gibSecond", "containerApps.requests.perMillion", "containerApps.scale.cooldownSeconds"]));
        }
        if (appLines.Count > 0)
        {
            // The grant is per subscription: counted here as if this environment had the subscription to itself.
            var vcpuGrant = sheet.Price("containerApps.freeGrant.vcpuSeconds");
            var grantActive = Math.Min(vcpuGrant, activeVcpu);
            var grantIdle = Math.Min(vcpuGrant - grantActive, idleVcpu);
            var gibGrant = Math.Min(sheet.Price("containerApps.freeGrant.gibSeconds"), gib);
            var requestGrant = Math.Min(sheet.Price("containerApps.freeGrant.requests"), requests);
            var credit = grantActive * activeRate + grantIdle * idleRate + gibGrant * gibRate + requestGrant * requestRate;
            lines.Add(new CostLine("(free grant)", "Container Apps monthly free grant", -credit,
                $"first {Fmt(vcpuGrant)} vCPU-s, {Fmt(sheet.Price("containerApps.freeGrant.gibSeconds"))} GiB-s and {Fmt(sheet.Price("containerApps.freeGrant.requests"))} requests per subscription; counted once per environment (share it when environments share a subscription)",
                ["containerApps.freeGrant.vcpuSeconds", "containerApps.freeGrant.gibSeconds", "containerApps.freeGrant.requests"]));
        }

        foreach (var job in resources.Where(r => r.Type == "Microsoft.App/jobs"))
        {
            lines.Add(new CostLine(job.SymbolicName, job.Type, 0m, "runs only when started (once per deployment, minutes): well under 0.01 per run", []));
        }

        var checks = ProbeChecks(resources);
        foreach (var r in resources)
        {
            switch (r.Type)
            {
                case "Microsoft.DBforPostgreSQL/flexibleServers":
                    lines.Add(Postgres(state, r, sheet));
                    break;
                case "Microsoft.ContainerRegistry/registries":
                    var sku = StateReading.Text(state, r, "sku.name") ?? "Basic";
                    var meter = $"containerRegistry.{sku}.day";
                    lines.Add(new CostLine(r.SymbolicName, r.Type, sheet.Price(meter) * sheet.HoursPerMonth / 24m, $"{sku}: {Fmt(sheet.Price(meter))} per day", [meter]));
                    break;
                case "Microsoft.KeyVault/vaults":
                    var references = resources.Where(a => a.Type is ContainerApps or "Microsoft.App/jobs")
                        .Sum(a => (StateReading.At(a, "properties.configuration.secrets") as System.Text.Json.Nodes.JsonArray)?.Count ?? 0);
                    // Container Apps re-reads Key Vault references about every 30 minutes per replica (assumption).
                    var operations = references * 2m * sheet.HoursPerMonth * Math.Max(1m, awakeReplicaMonths / Math.Max(1, appLines.Count));
                    lines.Add(new CostLine(r.SymbolicName, r.Type, operations / 10_000m * sheet.Price("keyVault.operations.per10k"),
                        $"~{Fmt(operations)} secret reads ({references} Key Vault references, refreshed about every 30 min)", ["keyVault.operations.per10k"]));
                    break;
                case "Microsoft.OperationalInsights/workspaces":
                    var gb = awakeReplicaMonths * sheet.Price("usage.logs.gbPerAwakeReplicaMonth")
                             + checks * runs * sheet.Price("usage.logs.kbPerProbeCheck") / 1_000_000m
                             + requests * sheet.Price("usage.logs.kbPerRequest") / 1_000_000m;
                    var billable = Math.Max(0, gb - sheet.Price("logAnalytics.freeGb"));
                    lines.Add(new CostLine(r.SymbolicName, r.Type, billable * sheet.Price("logAnalytics.ingestion.gb"),
                        $"~{Fmt(gb)} GB/month ingested ({Fmt(awakeReplicaMonths)} awake replicas, {checks} probe checks × {Fmt(runs)} runs, {Fmt(requests)} requests), first {Fmt(sheet.Price("logAnalytics.freeGb"))} GB free; retention 30 days is included",
                        ["logAnalytics.ingestion.gb", "logAnalytics.freeGb", "usage.logs.gbPerAwakeReplicaMonth", "usage.logs.kbPerProbeCheck", "usage.logs.kbPerRequest"]));
                    break;
                case "Microsoft.Insights/components":
                    lines.Add(new CostLine(r.SymbolicName, r.Type, 0m, "workspace-based: its data is counted in the Log Analytics line", ["applicationInsights.workspaceBased"]));
                    break;
                case "Microsoft.Insights/scheduledQueryRules":
                    var frequency = scenario.AlertFrequency ?? StateReading.Text(state, r, "properties.evaluationFrequency") ?? "PT5M";
                    var alertMeter = AlertMeter(frequency);
                    lines.Add(new CostLine(r.SymbolicName, r.Type, sheet.Price(alertMeter), $"log search alert evaluated every {frequency}", [alertMeter]));
                    break;
                case "Microsoft.Storage/storageAccounts":
                    lines.Add(new CostLine(r.SymbolicName, r.Type, sheet.Price("storage.functionsHost.month"), "Functions host storage (leases, queues)", ["storage.functionsHost.month"]));
                    break;
                case "Microsoft.Network/privateEndpoints":
                    lines.Add(new CostLine(r.SymbolicName, r.Type, sheet.Price("privateEndpoint.hour") * sheet.HoursPerMonth, "private endpoint, per hour", ["privateEndpoint.hour"]));
                    break;
                case "Microsoft.Insights/metricAlerts":
                    // One time series per rule (each watches one metric of one resource); the first ones of a month are free.
                    var series = resources.Count(a => a.Type == "Microsoft.Insights/metricAlerts");
                    var billableShare = Math.Max(0m, series - sheet.Price("alerts.metric.freeTimeSeries")) / series;
                    lines.Add(new CostLine(r.SymbolicName, r.Type, billableShare * sheet.Price("alerts.metric.timeSeries"),
                        $"metric alert, one time series; the first {Fmt(sheet.Price("alerts.metric.freeTimeSeries"))} of a month are free ({series} here)",
                        ["alerts.metric.timeSeries", "alerts.metric.freeTimeSeries"]));
                    break;
                case "Microsoft.Network/privateDnsZones":
                    lines.Add(new CostLine(r.SymbolicName, r.Type, sheet.Price("privateDns.zone.month"), "hosted private DNS zone", ["privateDns.zone.month"]));
                    break;
            }
        }
        var free = resources.Count(r => !Priced.Contains(r.Type));
        if (free > 0)
        {
            lines.Add(new CostLine($"({free} more)", "no charge", 0m,
                "no charge of their own: " + string.Join(", ", resources.Where(r => !Priced.Contains(r.Type)).Select(r => r.Type.Split('/').Last()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) +
                " (a Consumption-only apps environment has no fee; action group e-mails are within the free 1,000; diagnostic data is in the Log Analytics line)", []));
        }
        if (probe is not null && scenario.ProbeSchedule is null)
        {
            notes.Add($"Probe schedule '{schedule}' read from the probe app's PROBE_SCHEDULE (env file: probe.schedule).");
        }
        return new CostEstimate(environment, scenario, interval, lines, notes);
    }

    /// <summary>
    /// How many checks the probe reports per run: the check names the alert queries select (<c>name == 'x'</c> in a
    /// per-check rule, <c>name in ('a', 'b')</c> in the combined one; the security rule's names are a subset).
    /// </summary>
    private static int ProbeChecks(IEnumerable<ResourceState> resources) =>
        resources.Where(r => r.Type == "Microsoft.Insights/scheduledQueryRules")
            .Select(r => (string?)StateReading.At(r, "properties.criteria.allOf")?[0]?["query"] ?? "")
            .SelectMany(query => CheckName().Matches(query).Select(m => m.Groups["name"].Value)
                .Concat(CheckList().Matches(query).SelectMany(m => QuotedName().Matches(m.Groups["names"].Value).Select(n => n.Groups[1].Value))))
            .Distinct(StringComparer.Ordinal)
            .Count();

    [GeneratedRegex(@"\bname == '(?<name>[^']+)'")]
    private static partial Regex CheckName();

    [GeneratedRegex(@"\bname in \((?<names>[^)]*)\)")]
    private static partial Regex CheckList();

    [GeneratedRegex(@"'([^']+)'")]
    private static partial Regex QuotedName();

    private static readonly HashSet<string> Priced = new(StringComparer.Ordinal)
    {
        ContainerApps, "Microsoft.App/jobs", "Microsoft.DBforPostgreSQL/flexibleServers", "Microsoft.ContainerRegistry/registries",
        "Microsoft.KeyVault/vaults", "Microsoft.OperationalInsights/workspaces", "Microsoft.Insights/components",
        "Microsoft.Insights/scheduledQueryRules", "Microsoft.Storage/storageAccounts", "Microsoft.Network/privateEndpoints",
        "Microsoft.Network/privateDnsZones", "Microsoft.Insights/metricAlerts",
    };

    /// <summary>The price-sheet meter for a log alert evaluated at <paramref name="frequency"/> (ISO 8601).</summary>
    public static string AlertMeter(string frequency)
    {
        var minutes = StateReading.Minutes(frequency) ?? throw new FormatException($"'{frequency}' is not an ISO 8601 duration such as PT1M, PT5M or PT15M.");
        return minutes switch
        {
            < 5 => "alerts.log.PT1M",
            < 10 => "alerts.log.PT5M",
            < 15 => "alerts.log.PT10M",
            _ => "alerts.log.PT15M",
        };
    }

    private static CostLine Postgres(DeploymentState state, ResourceState r, PriceSheet sheet)
    {
        var sku = StateReading.Text(state, r, "sku.name") ?? "?";
        var computeMeter = $"postgres.compute.{sku}";
        var ha = StateReading.Text(state, r, "properties.highAvailability.mode") is { } mode && mode != "Disabled";
        var factor = ha ? sheet.Price("postgres.highAvailability.multiplier") : 1m;
        var storage = StateReading.Number(state, r, "properties.storage.storageSizeGB") ?? 32;
        var geo = StateReading.Text(state, r, "properties.backup.geoRedundantBackup") == "Enabled";
        var monthly = sheet.Price(computeMeter) * sheet.HoursPerMonth * factor
                      + storage * sheet.Price("postgres.storage.gbMonth") * factor
                      + (geo ? storage * sheet.Price("postgres.backup.geoRedundant.gbMonth") : 0m);
        List<string> meters = [computeMeter, "postgres.storage.gbMonth"];
        if (ha)
        {
            meters.Add("postgres.highAvailability.multiplier");
        }
        if (geo)
        {
            meters.Add("postgres.backup.geoRedundant.gbMonth");
        }
        return new CostLine(r.SymbolicName, r.Type, monthly,
            $"{sku} ({Fmt(sheet.Price(computeMeter))}/h){(ha ? " × 2 (high availability standby)" : string.Empty)}, {Fmt(storage)} GB storage{(geo ? ", geo-redundant backups" : ", backups within the free allowance")}; runs all month (no scale to zero)",
            meters);
    }

    /// <summary>The HTTP scale rule's concurrentRequests, when the app declares one.</summary>
    private static decimal? HttpConcurrency(ResourceState app) =>
        (StateReading.At(app, "properties.template.scale.rules") as System.Text.Json.Nodes.JsonArray ?? [])
            .Select(r => (string?)r?["http"]?["metadata"]?["concurrentRequests"])
            .Where(v => v is not null)
            .Select(v => decimal.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : (decimal?)null)
            .FirstOrDefault(n => n is not null);

    private static string? ProbeScheduleOf(ResourceState probe) =>
        (StateReading.At(probe, "properties.template.containers") as System.Text.Json.Nodes.JsonArray)?
            .SelectMany(c => (c?["env"] as System.Text.Json.Nodes.JsonArray) ?? [])
            .Where(e => (string?)e?["name"] == HostSettingNames.Schedule)
            .Select(e => e?["value"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : null)
            .FirstOrDefault();

    private static decimal ContainerCpu(ResourceState app) =>
        (StateReading.At(app, "properties.template.containers") as System.Text.Json.Nodes.JsonArray ?? [])
            .Sum(c => StateReading.Number(c?["resources"]?["cpu"]) ?? 0m);

    private static decimal ContainerMemory(ResourceState app) =>
        (StateReading.At(app, "properties.template.containers") as System.Text.Json.Nodes.JsonArray ?? [])
            .Sum(c => StateReading.Gibibytes((string?)c?["resources"]?["memory"]) ?? 0m);

    public static string Fmt(decimal value) => value.ToString(value == Math.Round(value) ? "#,0" : Math.Abs(value) < 1 ? "0.####" : "#,0.##", CultureInfo.InvariantCulture);

    private static string Percent(decimal share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string Interval(int? seconds) => seconds switch
    {
        null => "(no probe)",
        < 60 => $"{seconds} s",
        < 3600 => $"{seconds / 60} min",
        _ => $"{seconds / 3600m:0.#} h",
    };
}
