@description('Azure region of every resource.')
param location string

@description('The environment (azd\'s AZURE_ENV_NAME); it names and tags every resource.')
@allowed([
  'prod'
])
param environmentName string

@description('Whether `secrets init` has created the vault\'s secrets, so the grants scoped to them can be made: false only on the first bootstrap step of a new environment (SECRETS_INITIALIZED=false), before `secrets init`.')
param secretsExist bool

@description('Whether the vault holds jwt-secret-key-previous (a rotation window): the parameter file reads HAS_JWT_SECRET_KEY_PREVIOUS, a flag and never the value.')
param hasJwtSecretKeyPrevious bool

@description('Tags on every resource; azd finds the environment by azd-env-name.')
var tags = {
  'azd-env-name': environmentName
  workload: 'todo'
  environment: 'prod'
  'managed-by': 'provisioning-generator'
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2026-03-01' = {
  name: 'log-todo-prod'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 90
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-todo-prod'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

resource alertActionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-todo-prod'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'todoprod'
    enabled: true
    emailReceivers: [
      {
        name: 'oncall'
        emailAddress: 'todo-oncall@example.com'
        useCommonAlertSchema: true
      }
    ]
  }
}

resource frontendIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-todo-prod-frontend'
  location: location
  tags: tags
}

resource backendIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-todo-prod-backend'
  location: location
  tags: tags
}

resource mcpIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-todo-prod-mcp'
  location: location
  tags: tags
}

resource migrateIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-todo-prod-migrate'
  location: location
  tags: tags
}

resource probeIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-todo-prod-probe'
  location: location
  tags: tags
}

resource registry 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'crtodoprod${uniqueString(resourceGroup().id, 'registry')}'
  location: location
  tags: tags
  sku: {
    name: 'Premium'
  }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
    zoneRedundancy: 'Enabled'
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: 'kv-tod-pro-${uniqueString(resourceGroup().id, 'keyVault')}'
  location: location
  tags: tags
  properties: {
    sku: {
      family: 'A'
      name: 'standard'
    }
    tenantId: subscription().tenantId
    enableRbacAuthorization: true
    enabledForTemplateDeployment: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Deny'
    }
  }
}

resource jwtSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = if (secretsExist) {
  parent: keyVault
  name: 'jwt-secret-key'
}

resource jwtPreviousSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = if (secretsExist && hasJwtSecretKeyPrevious) {
  parent: keyVault
  name: 'jwt-secret-key-previous'
}

resource openAiApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = if (secretsExist) {
  parent: keyVault
  name: 'openai-api-key'
}

resource databaseAdminUrlSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = if (secretsExist) {
  parent: keyVault
  name: 'database-admin-url'
}

resource databaseUrlMigrateSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = if (secretsExist) {
  parent: keyVault
  name: 'database-url-migrate'
}

resource databaseUrlBackendSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = if (secretsExist) {
  parent: keyVault
  name: 'database-url-backend'
}

resource databaseUrlProbeSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = if (secretsExist) {
  parent: keyVault
  name: 'database-url-probe'
}

resource databasePasswordAppSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = if (secretsExist) {
  parent: keyVault
  name: 'database-password-app'
}

resource databasePasswordProbeSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = if (secretsExist) {
  parent: keyVault
  name: 'database-password-probe'
}

resource databasePasswordAppAlternateSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = if (secretsExist) {
  parent: keyVault
  name: 'database-password-app-alt'
}

resource databasePasswordProbeAlternateSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = if (secretsExist) {
  parent: keyVault
  name: 'database-password-probe-alt'
}

resource probeStorage 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: 'sttodpropro${uniqueString(resourceGroup().id, 'probeStorage')}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_ZRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    allowedCopyScope: 'AAD'
    publicNetworkAccess: 'Disabled'
  }
}

resource probeIdentity_StorageBlobDataOwner_probeStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: probeStorage
  name: guid(probeStorage.id, probeIdentity.id, 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
    principalId: probeIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource probeIdentity_StorageQueueDataContributor_probeStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: probeStorage
  name: guid(probeStorage.id, probeIdentity.id, '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
    principalId: probeIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource probeIdentity_StorageTableDataContributor_probeStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: probeStorage
  name: guid(probeStorage.id, probeIdentity.id, '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
    principalId: probeIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource probeIdentity_MonitoringMetricsPublisher_appInsights 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: appInsights
  name: guid(appInsights.id, probeIdentity.id, '3913510d-42f4-4e42-8a64-420c390055eb')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '3913510d-42f4-4e42-8a64-420c390055eb')
    principalId: probeIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource frontendIdentity_AcrPull_registry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, frontendIdentity.id, '7f951dda-4ed3-4680-a7ca-43fe172d538d')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
    principalId: frontendIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource frontendIdentity_KeyVaultSecretsUser_jwtSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (secretsExist) {
  scope: jwtSecret
  name: guid(jwtSecret.id, frontendIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: frontendIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource backendIdentity_AcrPull_registry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, backendIdentity.id, '7f951dda-4ed3-4680-a7ca-43fe172d538d')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
    principalId: backendIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource backendIdentity_KeyVaultSecretsUser_jwtSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (secretsExist) {
  scope: jwtSecret
  name: guid(jwtSecret.id, backendIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: backendIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource backendIdentity_KeyVaultSecretsUser_jwtPreviousSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (secretsExist && hasJwtSecretKeyPrevious) {
  scope: jwtPreviousSecret
  name: guid(jwtPreviousSecret.id, backendIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: backendIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource backendIdentity_KeyVaultSecretsUser_databaseUrlBackendSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (secretsExist) {
  scope: databaseUrlBackendSecret
  name: guid(databaseUrlBackendSecret.id, backendIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: backendIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource backendIdentity_KeyVaultSecretsUser_openAiApiKeySecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (secretsExist) {
  scope: openAiApiKeySecret
  name: guid(openAiApiKeySecret.id, backendIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: backendIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource mcpIdentity_AcrPull_registry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, mcpIdentity.id, '7f951dda-4ed3-4680-a7ca-43fe172d538d')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
    principalId: mcpIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource mcpIdentity_KeyVaultSecretsUser_jwtSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (secretsExist) {
  scope: jwtSecret
  name: guid(jwtSecret.id, mcpIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: mcpIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource migrateIdentity_AcrPull_registry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, migrateIdentity.id, '7f951dda-4ed3-4680-a7ca-43fe172d538d')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
    principalId: migrateIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource migrateIdentity_KeyVaultSecretsUser_databaseUrlMigrateSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (secretsExist) {
  scope: databaseUrlMigrateSecret
  name: guid(databaseUrlMigrateSecret.id, migrateIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: migrateIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource migrateIdentity_KeyVaultSecretsUser_databaseAdminUrlSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (secretsExist) {
  scope: databaseAdminUrlSecret
  name: guid(databaseAdminUrlSecret.id, migrateIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: migrateIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource migrateIdentity_KeyVaultSecretsUser_databasePasswordAppSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (secretsExist) {
  scope: databasePasswordAppSecret
  name: guid(databasePasswordAppSecret.id, migrateIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: migrateIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource migrateIdentity_KeyVaultSecretsUser_databasePasswordProbeSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (secretsExist) {
  scope: databasePasswordProbeSecret
  name: guid(databasePasswordProbeSecret.id, migrateIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: migrateIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource migrateIdentity_KeyVaultSecretsUser_databasePasswordAppAlternateSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (secretsExist) {
  scope: databasePasswordAppAlternateSecret
  name: guid(databasePasswordAppAlternateSecret.id, migrateIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: migrateIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource migrateIdentity_KeyVaultSecretsUser_databasePasswordProbeAlternateSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (secretsExist) {
  scope: databasePasswordProbeAlternateSecret
  name: guid(databasePasswordProbeAlternateSecret.id, migrateIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: migrateIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource probeIdentity_AcrPull_registry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, probeIdentity.id, '7f951dda-4ed3-4680-a7ca-43fe172d538d')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
    principalId: probeIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource probeIdentity_KeyVaultSecretsUser_jwtSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (secretsExist) {
  scope: jwtSecret
  name: guid(jwtSecret.id, probeIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: probeIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource probeIdentity_KeyVaultSecretsUser_databaseUrlProbeSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (secretsExist) {
  scope: databaseUrlProbeSecret
  name: guid(databaseUrlProbeSecret.id, probeIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: probeIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('azd pushes images here.')
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.properties.loginServer

output AZURE_CONTAINER_REGISTRY_NAME string = registry.name

output AZURE_KEY_VAULT_NAME string = keyVault.name

@description('The PostgreSQL server\'s host name, from its name: known before the server exists.')
output POSTGRES_HOST string = 'psql-todo-prod-${uniqueString(resourceGroup().id, 'postgres')}.postgres.database.azure.com'
