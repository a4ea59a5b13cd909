using System.Text.Json.Nodes;

namespace Provisioning.Environments.Tests.Configuration;

/// <summary>
/// Invalid environment files, one broken setting each: name, environment, edit, expected JSON path, message and fix.
/// Shared (as a linked source file) by the loader tests and the CLI tests, which check the exit code too.
/// </summary>
internal static class InvalidConfigurationCases
{
    public static IEnumerable<object[]> All()
    {
        object[] Case(string name, string env, Action<JsonObject> edit, string path, string message, string fix) => [name, env, edit, path, message, fix];

        yield return Case("unknown top-level key", "dev", j => j["locaton"] = "westeurope", "$.locaton", "unknown setting 'locaton'", "did you mean 'location'");
        yield return Case("unknown nested key", "dev", j => j["frontend"]!["cpus"] = 1, "$.frontend.cpus", "unknown setting 'cpus'", "did you mean 'cpu'");
        yield return Case("secret in the file", "dev", j => j["backend"]!["jwtSecretKey"] = "not-here", "$.backend.jwtSecretKey", "unknown setting 'jwtSecretKey'", "Secrets never go in environment files");
        yield return Case("wrong type", "dev", j => j["frontend"]!["cpu"] = "0.5", "$.frontend.cpu", "wrong type", "vCPU per replica");
        yield return Case("missing required top-level", "dev", j => j.Remove("alertEmail"), "$", "missing required setting(s): 'alertEmail'", "add \"alertEmail\"");
        yield return Case("missing required nested", "dev", j => j["images"]!.AsObject().Remove("probe"), "$.images", "'probe'", "add \"probe\"");
        yield return Case("image of no component", "dev", j => j["images"]!["backnd"] = "todo-backend:1.0.0", "$.images.backnd", "'backnd' is not a component", "did you mean 'backend'");
        yield return Case("missing tier", "dev", j => j.Remove("tier"), "$", "missing required setting(s): 'tier'", "add \"tier\"");
        yield return Case("unknown tier", "dev", j => j["tier"] = "prod", "$.tier", "\"prod\" is not allowed", "\"production\"");
        yield return Case("image with spaces and capitals", "dev", j => j["images"]!["frontend"] = "Todo Frontend:1", "$.images.frontend", "does not have the expected form", "repository:tag");
        yield return Case("image without tag", "dev", j => j["images"]!["backend"] = "todo-backend", "$.images.backend", "does not have the expected form", "repository:tag");
        yield return Case("image tagged latest", "dev", j => j["images"]!["mcp"] = "todo-mcp:latest", "$.images.mcp", "uses the tag 'latest'", "pin a version tag");
        yield return Case("cpu not a multiple of 0.25", "dev", j => { j["backend"]!["cpu"] = 0.3; j["backend"]!["memory"] = "0.6Gi"; }, "$.backend.cpu", "0.3 vCPU is not a Container Apps size", "multiple of 0.25");
        yield return Case("cpu and memory that do not pair", "dev", j => { j["backend"]!["cpu"] = 0.5; j["backend"]!["memory"] = "4Gi"; }, "$.backend.memory", "0.5 vCPU with 4Gi is not a valid Container Apps combination", "\"memory\": \"1Gi\"");
        yield return Case("min replicas above max", "dev", j => { j["mcp"]!["minReplicas"] = 3; j["mcp"]!["maxReplicas"] = 2; }, "$.mcp.minReplicas", "minReplicas 3 is above maxReplicas 2", "lower minReplicas");
        yield return Case("replicas out of range", "dev", j => j["frontend"]!["maxReplicas"] = 300, "$.frontend.maxReplicas", "out of range", "use a value from 1 to 30.");
        yield return Case("HA on Burstable", "dev", j => j["database"]!["highAvailability"] = true, "$.database.highAvailability", "not offered on the Burstable tier", "GeneralPurpose");
        yield return Case("SKU of another tier", "dev", j => j["database"]!["skuName"] = "Standard_D2ds_v5", "$.database.skuName", "does not belong to the Burstable tier", "Standard_B");
        yield return Case("unknown database tier", "dev", j => j["database"]!["tier"] = "Premium", "$.database.tier", "\"Premium\" is not allowed", "\"Burstable\"");
        yield return Case("storage size not offered", "dev", j => j["database"]!["storageSizeGB"] = 100, "$.database.storageSizeGB", "100 is not allowed", "32");
        yield return Case("backup retention too long", "dev", j => j["database"]!["backupRetentionDays"] = 40, "$.database.backupRetentionDays", "out of range", "use a value from 7 to 35.");
        yield return Case("zone redundancy without VNet", "dev", j => j["network"]!["zoneRedundant"] = true, "$.network.zoneRedundant", "needs VNet integration", "\"isolation\": \"private\"");
        yield return Case("private without address space", "prod", j => j["network"]!.AsObject().Remove("addressSpace"), "$.network.addressSpace", "needs a VNet address space", "\"addressSpace\"");
        yield return Case("address space with a bad octet", "prod", j => j["network"]!["addressSpace"] = "10.300.0.0/16", "$.network.addressSpace", "not a valid IPv4 CIDR block", "0-255");
        yield return Case("address space off its boundary", "prod", j => j["network"]!["addressSpace"] = "10.40.1.0/16", "$.network.addressSpace", "does not start on its /16 boundary", "use '10.40.0.0/16'");
        yield return Case("firewall range backwards", "dev", j => j["network"]!["allowedIpRanges"] = new JsonArray(new JsonObject { ["name"] = "office", ["start"] = "10.0.0.9", ["end"] = "10.0.0.1" }), "$.network.allowedIpRanges[0]", "starts (10.0.0.9) after it ends (10.0.0.1)", "swap start and end");
        yield return Case("firewall open to everyone", "dev", j => j["network"]!["allowedIpRanges"] = new JsonArray(new JsonObject { ["name"] = "all", ["start"] = "0.0.0.0", ["end"] = "255.255.255.255" }), "$.network.allowedIpRanges[0]", "whole internet", "only the client ranges");
        yield return Case("firewall ranges with private isolation", "prod", j => j["network"]!["allowedIpRanges"] = new JsonArray(new JsonObject { ["name"] = "office", ["start"] = "10.0.0.1", ["end"] = "10.0.0.9" }), "$.network.allowedIpRanges", "no effect with private isolation", "remove allowedIpRanges");
        yield return Case("unknown region", "dev", j => j["location"] = "westeuropa", "$.location", "'westeuropa' is not a region", "'westeurope'");
        yield return Case("name prefix with capitals", "dev", j => j["namePrefix"] = "Todo-App", "$.namePrefix", "does not have the expected form", "lowercase letters and digits");
        yield return Case("alert e-mail without domain", "dev", j => j["alertEmail"] = "oncall", "$.alertEmail", "does not have the expected form", "alerts are e-mailed");
        yield return Case("alert e-mail that is a connection string", "dev", j => j["alertEmail"] = "postgresql://todoadmin:hunter2-secret@db.example.com/todo", "$.alertEmail", "does not have the expected form", "alerts are e-mailed");
        yield return Case("domain key of the wrong kind", "dev", j => j["frontend"]!["openAiDomainKey"] = "sk-live-123", "$.frontend.openAiDomainKey", "does not have the expected form", "domain allowlist");
        yield return Case("probe schedule with five fields", "dev", j => j["probe"]!["schedule"] = "* * * * *", "$.probe.schedule", "does not have the expected form", "six fields");
        yield return Case("probe schedule without a fixed interval", "dev", j => j["probe"]!["schedule"] = "0 0 9-17 * * 1-5", "$.probe.schedule", "the alert windows follow the probe's interval", "repeats at a fixed interval");
        yield return Case("probe too rare to alert on", "dev", j => j["probe"]!["schedule"] = "0 0 */12 * * *", "$.probe.schedule", "needs the check alerts to look back", "at least every 7 hours");
        yield return Case("probe cpu and memory that do not pair", "dev", j => { j["probe"]!["cpu"] = 0.25; j["probe"]!["memory"] = "1Gi"; }, "$.probe.memory", "0.25 vCPU with 1Gi is not a valid Container Apps combination", "\"memory\": \"0.5Gi\"");
        yield return Case("probe with two replicas", "dev", j => j["probe"]!["minReplicas"] = 2, "$.probe.minReplicas", "2 is not allowed", "use one of 0, 1");
        yield return Case("alert frequency Azure does not take here", "dev", j => j["alerts"] = new JsonObject { ["evaluationFrequency"] = "PT2M" }, "$.alerts.evaluationFrequency", "\"PT2M\" is not allowed", "\"PT15M\"");
        yield return Case("unknown check rule grouping", "dev", j => j["alerts"] = new JsonObject { ["checkRules"] = "single" }, "$.alerts.checkRules", "\"single\" is not allowed", "\"combined\"");
        yield return Case("prod without HA", "prod", j => j["database"]!["highAvailability"] = false, "$.database.highAvailability", "production runs without zone-redundant high availability", "\"highAvailability\": true");
        yield return Case("prod without purge protection", "prod", j => j["keyVault"]!["purgeProtection"] = false, "$.keyVault.purgeProtection", "not purge-protected", "\"purgeProtection\": true");
        yield return Case("prod without locks", "prod", j => j["locks"] = false, "$.locks", "no delete locks", "\"locks\": true");
        yield return Case("prod with one replica", "prod", j => j["backend"]!["minReplicas"] = 1, "$.backend.minReplicas", "one restart is an outage", "\"minReplicas\": 2");
        yield return Case("prod on public endpoints", "prod", j => { j["network"] = new JsonObject { ["isolation"] = "public" }; }, "$.network.isolation", "public endpoints", "\"isolation\": \"private\"");
    }
}
