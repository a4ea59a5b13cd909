using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Shared;

namespace Provisioning.Bicep.Tests.Resources;

/// <summary>Each type's naming rule accepts names Azure accepts and rejects the classic mistakes.</summary>
[TestClass]
public sealed class AzureNamesTests
{
    [TestMethod]
    [DataRow(nameof(AzureNames.ContainerApp), "ca-todo-backend-dev", true)]
    [DataRow(nameof(AzureNames.ContainerApp), "ca--todo", false)]
    [DataRow(nameof(AzureNames.ContainerApp), "Ca-todo", false)]
    [DataRow(nameof(AzureNames.ContainerApp), "1ca-todo", false)]
    [DataRow(nameof(AzureNames.ContainerApp), "ca-todo-", false)]
    [DataRow(nameof(AzureNames.ContainerApp), "ca-todo-backend-production-westeurope", false)]
    [DataRow(nameof(AzureNames.ContainerAppsEnvironment), "cae-todo-dev", true)]
    [DataRow(nameof(AzureNames.ContainerAppsEnvironment), "-cae", false)]
    [DataRow(nameof(AzureNames.KeyVault), "kv-todo-dev-x7q2", true)]
    [DataRow(nameof(AzureNames.KeyVault), "kv-todo-development-x7q2a", false)]
    [DataRow(nameof(AzureNames.KeyVault), "kv--todo", false)]
    [DataRow(nameof(AzureNames.KeyVault), "1kv", false)]
    [DataRow(nameof(AzureNames.KeyVaultSecret), "jwt-secret-key", true)]
    [DataRow(nameof(AzureNames.KeyVaultSecret), "jwt_secret_key", false)]
    [DataRow(nameof(AzureNames.UserAssignedIdentity), "id-todo_backend-dev", true)]
    [DataRow(nameof(AzureNames.UserAssignedIdentity), "-id", false)]
    [DataRow(nameof(AzureNames.Guid), "4633458b-17de-408a-b874-0445c86b69e6", true)]
    [DataRow(nameof(AzureNames.Guid), "not-a-guid", false)]
    [DataRow(nameof(AzureNames.PostgreSqlServer), "psql-todo-prod-x7q2", true)]
    [DataRow(nameof(AzureNames.PostgreSqlServer), "PSQL-todo", false)]
    [DataRow(nameof(AzureNames.PostgreSqlDatabase), "todo", true)]
    [DataRow(nameof(AzureNames.PostgreSqlDatabase), "1todo", false)]
    [DataRow(nameof(AzureNames.PostgreSqlConfiguration), "require_secure_transport", true)]
    [DataRow(nameof(AzureNames.PostgreSqlFirewallRule), "office-range_1", true)]
    [DataRow(nameof(AzureNames.PostgreSqlFirewallRule), "office range", false)]
    [DataRow(nameof(AzureNames.LogAnalyticsWorkspace), "log-todo-dev", true)]
    [DataRow(nameof(AzureNames.LogAnalyticsWorkspace), "log", false)]
    [DataRow(nameof(AzureNames.MonitorResource), "probe went silent", true)]
    [DataRow(nameof(AzureNames.MonitorResource), "probe/silent", false)]
    [DataRow(nameof(AzureNames.MonitorResource), "probe silent.", false)]
    [DataRow(nameof(AzureNames.StorageAccount), "sttodoprobedev", true)]
    [DataRow(nameof(AzureNames.StorageAccount), "st-todo", false)]
    [DataRow(nameof(AzureNames.StorageAccount), "StTodo", false)]
    [DataRow(nameof(AzureNames.ContainerRegistry), "crtododev", true)]
    [DataRow(nameof(AzureNames.ContainerRegistry), "cr-todo", false)]
    [DataRow(nameof(AzureNames.VirtualNetwork), "vnet-todo_prod.1", true)]
    [DataRow(nameof(AzureNames.VirtualNetwork), "vnet-", false)]
    [DataRow(nameof(AzureNames.Subnet), "snet-apps", true)]
    [DataRow(nameof(AzureNames.PrivateEndpoint), "pe-kv-todo-prod", true)]
    [DataRow(nameof(AzureNames.PrivateDnsZone), "privatelink.vaultcore.azure.net", true)]
    [DataRow(nameof(AzureNames.PrivateDnsZone), "privatelink..net", false)]
    [DataRow(nameof(AzureNames.ManagementLock), "do-not-delete (prod)", false)]
    [DataRow(nameof(AzureNames.ManagementLock), "do-not-delete(prod)", true)]
    [DataRow(nameof(AzureNames.ManagementLock), "lock.", false)]
    public void Rule_accepts_or_rejects(string ruleName, string name, bool valid)
    {
        var rule = (NamingRule)typeof(AzureNames).GetProperty(ruleName)!.GetValue(null)!;
        Assert.AreEqual(valid, rule.IsValid(name), $"{ruleName}: '{name}'");
    }
}
