using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.AppContainers;
using Provisioning.Bicep.Resources.Authorization;
using Provisioning.Bicep.Resources.KeyVaults;
using Provisioning.Bicep.Resources.PostgreSql;
using Provisioning.Bicep.Resources.Storage;
using Provisioning.Bicep.State;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Tests.State;

/// <summary>Real typed resources, built and validated, turned into states the way the generator writes and reads them.</summary>
internal static class StateFixtures
{
    public static KeyVault Vault { get; } = new KeyVault("vault") { Name = "kv-guard-test", Location = "westeurope" };

    public static PostgreSqlFlexibleServer Server { get; } = new PostgreSqlFlexibleServer("server")
    {
        Name = "psql-guard-test",
        Location = "westeurope",
        AdministratorLogin = "pgadmin",
        StorageSizeGb = 64,
    };

    public static ContainerAppsEnvironment AppsEnvironment { get; } = new ContainerAppsEnvironment("apps") { Name = "cae-guard-test", Location = "westeurope" };

    public static StorageAccount Storage { get; } = new StorageAccount("storage") { Name = "stguardtest", Location = "westeurope" };

    public static RoleAssignment Grant { get; } = new RoleAssignment("grant")
    {
        Name = "00000000-0000-0000-0000-000000000001",
        RoleDefinitionId = "/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6",
        PrincipalId = "11111111-1111-1111-1111-111111111111",
        PrincipalType = PrincipalType.ServicePrincipal,
    };

    /// <summary>A parameter the network-shaped tests refer to, as a template would refer to a subnet.</summary>
    public static Parameter SubnetId { get; } = new("subnetId", "string");

    /// <summary>Builds (validating), writes and reads back the state of a template holding <paramref name="resources"/>.</summary>
    public static DeploymentState StateOf(IEnumerable<Resource> resources, BicepParamFile? parameters = null, params Parameter[] declared)
    {
        var template = new BicepTemplate();
        foreach (var parameter in declared)
        {
            template.Add(parameter);
        }
        foreach (var resource in resources)
        {
            template.Add(resource);
        }
        return StateFile.Read(StateFile.Write(DeploymentStates.Create("main.bicep", template.Build(), parameters)));
    }

    public static DeploymentState StateOf(Resource resource) => StateOf([resource], null, SubnetId);
}
