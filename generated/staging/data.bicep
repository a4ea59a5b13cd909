@description('Azure region of every resource.')
param location string

@description('The environment (azd\'s AZURE_ENV_NAME); it names and tags every resource.')
@allowed([
  'staging'
])
param environmentName string

@description('The migrate image in this environment\'s registry, as repository:tag or repository@sha256:digest.')
@minLength(3)
param migrateImage string

@description('Whether the vault holds jwt-secret-key-previous (a rotation window): the parameter file reads HAS_JWT_SECRET_KEY_PREVIOUS, a flag and never the value.')
param hasJwtSecretKeyPrevious bool

@secure()
@description('Password of the PostgreSQL administrator todoadmin; it reaches only the migration job, inside the database-admin-url Key Vault secret. Read from Key Vault with getSecret() in the parameter file; `secrets init` created it.')
@minLength(16)
@maxLength(128)
param postgresAdminPassword string

@description('Tags on every resource; azd finds the environment by azd-env-name.')
var tags = {
  'azd-env-name': environmentName
  workload: 'todo'
  environment: 'staging'
  'managed-by': 'provisioning-generator'
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2026-03-01' = {
  name: 'log-todo-staging'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-todo-staging'
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
  name: 'ag-todo-staging'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'todostaging'
    enabled: true
    emailReceivers: [
      {
        name: 'oncall'
        emailAddress: 'todo-platform@example.com'
        useCommonAlertSchema: true
      }
    ]
  }
}

resource frontendIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-todo-staging-frontend'
  location: location
  tags: tags
}

resource backendIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-todo-staging-backend'
  location: location
  tags: tags
}

resource mcpIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-todo-staging-mcp'
  location: location
  tags: tags
}

resource migrateIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-todo-staging-migrate'
  location: location
  tags: tags
}

resource probeIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-todo-staging-probe'
  location: location
  tags: tags
}

resource registry 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: 'crtodostaging${uniqueString(resourceGroup().id, 'registry')}'
  location: location
  tags: tags
  sku: {
    name: 'Basic'
  }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: 'kv-tod-sta-${uniqueString(resourceGroup().id, 'keyVault')}'
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
    softDeleteRetentionInDays: 30
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource jwtSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = {
  parent: keyVault
  name: 'jwt-secret-key'
}

resource jwtPreviousSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = if (hasJwtSecretKeyPrevious) {
  parent: keyVault
  name: 'jwt-secret-key-previous'
}

resource openAiApiKeySecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = {
  parent: keyVault
  name: 'openai-api-key'
}

resource databaseAdminUrlSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = {
  parent: keyVault
  name: 'database-admin-url'
}

resource databaseUrlMigrateSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = {
  parent: keyVault
  name: 'database-url-migrate'
}

resource databaseUrlBackendSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = {
  parent: keyVault
  name: 'database-url-backend'
}

resource databaseUrlProbeSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = {
  parent: keyVault
  name: 'database-url-probe'
}

resource databasePasswordAppSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = {
  parent: keyVault
  name: 'database-password-app'
}

resource databasePasswordProbeSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = {
  parent: keyVault
  name: 'database-password-probe'
}

resource databasePasswordAppAlternateSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = {
  parent: keyVault
  name: 'database-password-app-alt'
}

resource databasePasswordProbeAlternateSecret 'Microsoft.KeyVault/vaults/secrets@2026-05-15' existing = {
  parent: keyVault
  name: 'database-password-probe-alt'
}

resource probeStorage 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: 'sttodstapro${uniqueString(resourceGroup().id, 'probeStorage')}'
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    allowedCopyScope: 'AAD'
    publicNetworkAccess: 'Enabled'
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

resource frontendIdentity_KeyVaultSecretsUser_jwtSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
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

resource backendIdentity_KeyVaultSecretsUser_jwtSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: jwtSecret
  name: guid(jwtSecret.id, backendIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: backendIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource backendIdentity_KeyVaultSecretsUser_jwtPreviousSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (hasJwtSecretKeyPrevious) {
  scope: jwtPreviousSecret
  name: guid(jwtPreviousSecret.id, backendIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: backendIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource backendIdentity_KeyVaultSecretsUser_databaseUrlBackendSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: databaseUrlBackendSecret
  name: guid(databaseUrlBackendSecret.id, backendIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: backendIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource backendIdentity_KeyVaultSecretsUser_openAiApiKeySecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
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

resource mcpIdentity_KeyVaultSecretsUser_jwtSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
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

resource migrateIdentity_KeyVaultSecretsUser_databaseUrlMigrateSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: databaseUrlMigrateSecret
  name: guid(databaseUrlMigrateSecret.id, migrateIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: migrateIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource migrateIdentity_KeyVaultSecretsUser_databaseAdminUrlSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: databaseAdminUrlSecret
  name: guid(databaseAdminUrlSecret.id, migrateIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: migrateIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource migrateIdentity_KeyVaultSecretsUser_databasePasswordAppSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: databasePasswordAppSecret
  name: guid(databasePasswordAppSecret.id, migrateIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: migrateIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource migrateIdentity_KeyVaultSecretsUser_databasePasswordProbeSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: databasePasswordProbeSecret
  name: guid(databasePasswordProbeSecret.id, migrateIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: migrateIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource migrateIdentity_KeyVaultSecretsUser_databasePasswordAppAlternateSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: databasePasswordAppAlternateSecret
  name: guid(databasePasswordAppAlternateSecret.id, migrateIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: migrateIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource migrateIdentity_KeyVaultSecretsUser_databasePasswordProbeAlternateSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
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

resource probeIdentity_KeyVaultSecretsUser_jwtSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: jwtSecret
  name: guid(jwtSecret.id, probeIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: probeIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource probeIdentity_KeyVaultSecretsUser_databaseUrlProbeSecret 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: databaseUrlProbeSecret
  name: guid(databaseUrlProbeSecret.id, probeIdentity.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: probeIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2025-08-01' = {
  name: 'psql-todo-staging-${uniqueString(resourceGroup().id, 'postgres')}'
  location: location
  tags: tags
  sku: {
    name: 'Standard_D2ds_v5'
    tier: 'GeneralPurpose'
  }
  properties: {
    version: '16'
    administratorLogin: 'todoadmin'
    administratorLoginPassword: postgresAdminPassword
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Enabled'
      tenantId: subscription().tenantId
    }
    storage: {
      storageSizeGB: 64
      autoGrow: 'Disabled'
    }
    backup: {
      backupRetentionDays: 14
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2025-08-01' = {
  parent: postgres
  name: 'todo'
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

resource postgresRequireTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2025-08-01' = {
  parent: postgres
  name: 'require_secure_transport'
  properties: {
    value: 'ON'
    source: 'user-override'
  }
  dependsOn: [
    postgresDatabase
  ]
}

resource postgresAllowAzureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2025-08-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
  dependsOn: [
    postgresRequireTls
  ]
}

resource appsEnvironment 'Microsoft.App/managedEnvironments@2026-07-01' = {
  name: 'cae-todo-staging'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logAnalytics.properties.customerId
        sharedKey: logAnalytics.listKeys().primarySharedKey
      }
    }
    zoneRedundant: false
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

resource migrationJob 'Microsoft.App/jobs@2026-07-01' = {
  name: 'caj-todo-staging-migrate'
  location: location
  tags: union(tags, {
    'azd-service-name': 'migrate'
  })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${migrateIdentity.id}': {}
    }
  }
  properties: {
    environmentId: appsEnvironment.id
    configuration: {
      triggerType: 'Manual'
      replicaTimeout: 1800
      replicaRetryLimit: 1
      manualTriggerConfig: {
        parallelism: 1
        replicaCompletionCount: 1
      }
      secrets: [
        {
          name: 'database-url'
          keyVaultUrl: databaseUrlMigrateSecret.properties.secretUri
          identity: migrateIdentity.id
        }
        {
          name: 'database-admin-url'
          keyVaultUrl: databaseAdminUrlSecret.properties.secretUri
          identity: migrateIdentity.id
        }
        {
          name: 'todo-app-database-password'
          keyVaultUrl: databasePasswordAppSecret.properties.secretUri
          identity: migrateIdentity.id
        }
        {
          name: 'todo-probe-database-password'
          keyVaultUrl: databasePasswordProbeSecret.properties.secretUri
          identity: migrateIdentity.id
        }
        {
          name: 'todo-app-alt-database-password'
          keyVaultUrl: databasePasswordAppAlternateSecret.properties.secretUri
          identity: migrateIdentity.id
        }
        {
          name: 'todo-probe-alt-database-password'
          keyVaultUrl: databasePasswordProbeAlternateSecret.properties.secretUri
          identity: migrateIdentity.id
        }
      ]
      registries: [
        {
          server: registry.properties.loginServer
          identity: migrateIdentity.id
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'migrate'
          image: '${registry.properties.loginServer}/${migrateImage}'
          env: [
            {
              name: 'DATABASE_URL'
              secretRef: 'database-url'
            }
            {
              name: 'DATABASE_ADMIN_URL'
              secretRef: 'database-admin-url'
            }
            {
              name: 'TODO_APP_DATABASE_PASSWORD'
              secretRef: 'todo-app-database-password'
            }
            {
              name: 'TODO_PROBE_DATABASE_PASSWORD'
              secretRef: 'todo-probe-database-password'
            }
            {
              name: 'TODO_APP_ALT_DATABASE_PASSWORD'
              secretRef: 'todo-app-alt-database-password'
            }
            {
              name: 'TODO_PROBE_ALT_DATABASE_PASSWORD'
              secretRef: 'todo-probe-alt-database-password'
            }
          ]
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
        }
      ]
    }
  }
  dependsOn: [
    migrateIdentity_AcrPull_registry
    migrateIdentity_KeyVaultSecretsUser_databaseUrlMigrateSecret
    migrateIdentity_KeyVaultSecretsUser_databaseAdminUrlSecret
    migrateIdentity_KeyVaultSecretsUser_databasePasswordAppSecret
    migrateIdentity_KeyVaultSecretsUser_databasePasswordProbeSecret
    migrateIdentity_KeyVaultSecretsUser_databasePasswordAppAlternateSecret
    migrateIdentity_KeyVaultSecretsUser_databasePasswordProbeAlternateSecret
    postgres
    postgresDatabase
    postgresRequireTls
    postgresAllowAzureServices
  ]
}

@description('The deploy command\'s migration stage starts it and waits for it.')
output MIGRATION_JOB_NAME string = migrationJob.name

@description('azd pushes images here.')
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.properties.loginServer

output AZURE_CONTAINER_REGISTRY_NAME string = registry.name

output AZURE_KEY_VAULT_NAME string = keyVault.name

@description('The PostgreSQL server\'s host name, from its name: known before the server exists.')
output POSTGRES_HOST string = 'psql-todo-staging-${uniqueString(resourceGroup().id, 'postgres')}.postgres.database.azure.com'

output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = appsEnvironment.name

output POSTGRES_SERVER_NAME string = postgres.name
