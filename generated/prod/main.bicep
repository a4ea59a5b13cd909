@description('Azure region of every resource.')
param location string

@description('The environment (azd\'s AZURE_ENV_NAME); it names and tags every resource.')
@allowed([
  'prod'
])
param environmentName string

@description('The frontend image in this environment\'s registry, as repository:tag or repository@sha256:digest.')
@minLength(3)
param frontendImage string

@description('The backend image in this environment\'s registry, as repository:tag or repository@sha256:digest.')
@minLength(3)
param backendImage string

@description('The mcp image in this environment\'s registry, as repository:tag or repository@sha256:digest.')
@minLength(3)
param mcpImage string

@description('The migrate image in this environment\'s registry, as repository:tag or repository@sha256:digest.')
@minLength(3)
param migrateImage string

@description('The probe image in this environment\'s registry, as repository:tag or repository@sha256:digest.')
@minLength(3)
param probeImage string

@description('Whether the vault holds jwt-secret-key-previous (a rotation window): the parameter file reads HAS_JWT_SECRET_KEY_PREVIOUS, a flag and never the value.')
param hasJwtSecretKeyPrevious bool

@secure()
@description('Password of the PostgreSQL administrator todoadmin; it reaches only the migration job, inside the database-admin-url Key Vault secret. Read from Key Vault with getSecret() in the parameter file; `secrets init` created it.')
@minLength(16)
@maxLength(128)
param postgresAdminPassword string

@description('A version of the secret to reference instead of the latest: set only during a key rotation (the parameter file reads JWT_KEY_VERSION). A version id, not a value.')
param jwtKeyVersion string = ''

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

resource vnet 'Microsoft.Network/virtualNetworks@2026-03-01' = {
  name: 'vnet-todo-prod'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        '10.40.0.0/16'
      ]
    }
    subnets: [
      {
        name: 'snet-apps'
        properties: {
          addressPrefix: '10.40.0.0/23'
          delegations: [
            {
              name: 'Microsoft.App-environments'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: 'snet-postgres'
        properties: {
          addressPrefix: '10.40.2.0/24'
          delegations: [
            {
              name: 'Microsoft.DBforPostgreSQL-flexibleServers'
              properties: {
                serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers'
              }
            }
          ]
        }
      }
      {
        name: 'snet-endpoints'
        properties: {
          addressPrefix: '10.40.3.0/24'
        }
      }
    ]
  }
}

resource postgresDnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'todo-prod.private.postgres.database.azure.com'
  location: 'global'
  tags: tags
}

resource postgresDnsZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: postgresDnsZone
  name: 'vnet-link'
  location: 'global'
  tags: tags
  properties: {
    virtualNetwork: {
      id: vnet.id
    }
    registrationEnabled: false
  }
}

resource keyVaultDnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.vaultcore.azure.net'
  location: 'global'
  tags: tags
}

resource keyVaultDnsZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: keyVaultDnsZone
  name: 'vnet-link'
  location: 'global'
  tags: tags
  properties: {
    virtualNetwork: {
      id: vnet.id
    }
    registrationEnabled: false
  }
}

resource keyVaultPrivateEndpoint 'Microsoft.Network/privateEndpoints@2026-03-01' = {
  name: 'pe-todo-prod-keyvault'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: vnet.properties.subnets[2].id
    }
    privateLinkServiceConnections: [
      {
        name: 'vault'
        properties: {
          privateLinkServiceId: keyVault.id
          groupIds: [
            'vault'
          ]
        }
      }
    ]
  }
}

resource keyVaultDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2026-03-01' = {
  parent: keyVaultPrivateEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'keyVaultDnsZone'
        properties: {
          privateDnsZoneId: keyVaultDnsZone.id
        }
      }
    ]
  }
}

resource storageBlobDnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.blob.${environment().suffixes.storage}'
  location: 'global'
  tags: tags
}

resource storageBlobDnsZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: storageBlobDnsZone
  name: 'vnet-link'
  location: 'global'
  tags: tags
  properties: {
    virtualNetwork: {
      id: vnet.id
    }
    registrationEnabled: false
  }
}

resource storageBlobPrivateEndpoint 'Microsoft.Network/privateEndpoints@2026-03-01' = {
  name: 'pe-todo-prod-storageblob'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: vnet.properties.subnets[2].id
    }
    privateLinkServiceConnections: [
      {
        name: 'blob'
        properties: {
          privateLinkServiceId: probeStorage.id
          groupIds: [
            'blob'
          ]
        }
      }
    ]
  }
}

resource storageBlobDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2026-03-01' = {
  parent: storageBlobPrivateEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'storageBlobDnsZone'
        properties: {
          privateDnsZoneId: storageBlobDnsZone.id
        }
      }
    ]
  }
}

resource storageQueueDnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.queue.${environment().suffixes.storage}'
  location: 'global'
  tags: tags
}

resource storageQueueDnsZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: storageQueueDnsZone
  name: 'vnet-link'
  location: 'global'
  tags: tags
  properties: {
    virtualNetwork: {
      id: vnet.id
    }
    registrationEnabled: false
  }
}

resource storageQueuePrivateEndpoint 'Microsoft.Network/privateEndpoints@2026-03-01' = {
  name: 'pe-todo-prod-storagequeue'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: vnet.properties.subnets[2].id
    }
    privateLinkServiceConnections: [
      {
        name: 'queue'
        properties: {
          privateLinkServiceId: probeStorage.id
          groupIds: [
            'queue'
          ]
        }
      }
    ]
  }
}

resource storageQueueDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2026-03-01' = {
  parent: storageQueuePrivateEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'storageQueueDnsZone'
        properties: {
          privateDnsZoneId: storageQueueDnsZone.id
        }
      }
    ]
  }
}

resource storageTableDnsZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.table.${environment().suffixes.storage}'
  location: 'global'
  tags: tags
}

resource storageTableDnsZoneLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: storageTableDnsZone
  name: 'vnet-link'
  location: 'global'
  tags: tags
  properties: {
    virtualNetwork: {
      id: vnet.id
    }
    registrationEnabled: false
  }
}

resource storageTablePrivateEndpoint 'Microsoft.Network/privateEndpoints@2026-03-01' = {
  name: 'pe-todo-prod-storagetable'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: vnet.properties.subnets[2].id
    }
    privateLinkServiceConnections: [
      {
        name: 'table'
        properties: {
          privateLinkServiceId: probeStorage.id
          groupIds: [
            'table'
          ]
        }
      }
    ]
  }
}

resource storageTableDnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2026-03-01' = {
  parent: storageTablePrivateEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'storageTableDnsZone'
        properties: {
          privateDnsZoneId: storageTableDnsZone.id
        }
      }
    ]
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2025-08-01' = {
  name: 'psql-todo-prod-${uniqueString(resourceGroup().id, 'postgres')}'
  location: location
  tags: tags
  sku: {
    name: 'Standard_D4ds_v5'
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
      storageSizeGB: 128
      autoGrow: 'Disabled'
    }
    backup: {
      backupRetentionDays: 35
      geoRedundantBackup: 'Enabled'
    }
    highAvailability: {
      mode: 'ZoneRedundant'
    }
    network: {
      delegatedSubnetResourceId: vnet.properties.subnets[1].id
      privateDnsZoneArmResourceId: postgresDnsZone.id
      publicNetworkAccess: 'Disabled'
    }
  }
  dependsOn: [
    postgresDnsZoneLink
  ]
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

resource appsEnvironment 'Microsoft.App/managedEnvironments@2026-07-01' = {
  name: 'cae-todo-prod'
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
    vnetConfiguration: {
      infrastructureSubnetId: vnet.properties.subnets[0].id
    }
    zoneRedundant: true
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

resource frontendApp 'Microsoft.App/containerApps@2026-07-01' = {
  name: 'ca-todo-prod-frontend'
  location: location
  tags: union(tags, {
    'azd-service-name': 'frontend'
  })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${frontendIdentity.id}': {}
    }
  }
  properties: {
    environmentId: appsEnvironment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 3000
        transport: 'http'
        allowInsecure: false
        traffic: [
          {
            latestRevision: true
            weight: 100
          }
        ]
      }
      secrets: [
        {
          name: 'jwt-secret-key'
          keyVaultUrl: jwtSecret.properties.secretUri
          identity: frontendIdentity.id
        }
      ]
      registries: [
        {
          server: registry.properties.loginServer
          identity: frontendIdentity.id
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'frontend'
          image: '${registry.properties.loginServer}/${frontendImage}'
          env: [
            {
              name: 'NEXT_PUBLIC_OPENAI_DOMAIN_KEY'
              value: 'domain_pk_prod00000000000000000'
            }
            {
              name: 'REACT_APP_BACKEND_URL'
              value: 'https://ca-todo-prod-backend.${appsEnvironment.properties.defaultDomain}'
            }
            {
              name: 'JWT_SECRET_KEY'
              secretRef: 'jwt-secret-key'
            }
          ]
          resources: {
            cpu: json('1')
            memory: '2Gi'
          }
          probes: [
            {
              type: 'Startup'
              httpGet: {
                path: '/api/health'
                port: 3000
              }
              periodSeconds: 10
              timeoutSeconds: 5
              failureThreshold: 30
            }
            {
              type: 'Liveness'
              httpGet: {
                path: '/api/health'
                port: 3000
              }
              periodSeconds: 30
              timeoutSeconds: 3
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/api/health'
                port: 3000
              }
              periodSeconds: 10
              timeoutSeconds: 5
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: 2
        maxReplicas: 10
        rules: [
          {
            name: 'http-load'
            http: {
              metadata: {
                concurrentRequests: '50'
              }
            }
          }
        ]
      }
    }
  }
  dependsOn: [
    frontendIdentity_AcrPull_registry
    frontendIdentity_KeyVaultSecretsUser_jwtSecret
    keyVaultPrivateEndpoint
    keyVaultDnsZoneGroup
    keyVaultDnsZoneLink
  ]
}

resource backendApp 'Microsoft.App/containerApps@2026-07-01' = {
  name: 'ca-todo-prod-backend'
  location: location
  tags: union(tags, {
    'azd-service-name': 'backend'
  })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${backendIdentity.id}': {}
    }
  }
  properties: {
    environmentId: appsEnvironment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8000
        transport: 'http'
        allowInsecure: false
        traffic: [
          {
            latestRevision: true
            weight: 100
          }
        ]
      }
      secrets: concat([
        {
          name: 'jwt-secret-key'
          keyVaultUrl: empty(jwtKeyVersion) ? jwtSecret.properties.secretUri : '${jwtSecret.properties.secretUri}/${jwtKeyVersion}'
          identity: backendIdentity.id
        }
      ], hasJwtSecretKeyPrevious ? [
        {
          name: 'jwt-secret-key-previous'
          keyVaultUrl: jwtPreviousSecret!.properties.secretUri
          identity: backendIdentity.id
        }
      ] : [], [
        {
          name: 'database-url'
          keyVaultUrl: databaseUrlBackendSecret.properties.secretUri
          identity: backendIdentity.id
        }
        {
          name: 'openai-api-key'
          keyVaultUrl: openAiApiKeySecret.properties.secretUri
          identity: backendIdentity.id
        }
      ])
      registries: [
        {
          server: registry.properties.loginServer
          identity: backendIdentity.id
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'backend'
          image: '${registry.properties.loginServer}/${backendImage}'
          env: concat([
            {
              name: 'MCP_SERVER_URL'
              value: 'https://ca-todo-prod-mcp.internal.${appsEnvironment.properties.defaultDomain}/mcp'
            }
            {
              name: 'FRONTEND_URL'
              value: 'https://ca-todo-prod-frontend.${appsEnvironment.properties.defaultDomain}'
            }
            {
              name: 'JWT_SECRET_KEY'
              secretRef: 'jwt-secret-key'
            }
          ], hasJwtSecretKeyPrevious ? [
            {
              name: 'JWT_SECRET_KEY_PREVIOUS'
              secretRef: 'jwt-secret-key-previous'
            }
          ] : [], [
            {
              name: 'DATABASE_URL'
              secretRef: 'database-url'
            }
            {
              name: 'OPENAI_API_KEY'
              secretRef: 'openai-api-key'
            }
          ])
          resources: {
            cpu: json('1')
            memory: '2Gi'
          }
          probes: [
            {
              type: 'Startup'
              httpGet: {
                path: '/health'
                port: 8000
              }
              periodSeconds: 10
              timeoutSeconds: 5
              failureThreshold: 30
            }
            {
              type: 'Liveness'
              tcpSocket: {
                port: 8000
              }
              periodSeconds: 30
              timeoutSeconds: 3
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/health'
                port: 8000
              }
              periodSeconds: 10
              timeoutSeconds: 5
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: 2
        maxReplicas: 10
        rules: [
          {
            name: 'http-load'
            http: {
              metadata: {
                concurrentRequests: '50'
              }
            }
          }
        ]
      }
    }
  }
  dependsOn: [
    backendIdentity_AcrPull_registry
    backendIdentity_KeyVaultSecretsUser_jwtSecret
    backendIdentity_KeyVaultSecretsUser_jwtPreviousSecret
    backendIdentity_KeyVaultSecretsUser_databaseUrlBackendSecret
    backendIdentity_KeyVaultSecretsUser_openAiApiKeySecret
    keyVaultPrivateEndpoint
    keyVaultDnsZoneGroup
    keyVaultDnsZoneLink
    postgres
    postgresDatabase
    postgresRequireTls
    postgresDnsZoneLink
  ]
}

resource mcpApp 'Microsoft.App/containerApps@2026-07-01' = {
  name: 'ca-todo-prod-mcp'
  location: location
  tags: union(tags, {
    'azd-service-name': 'mcp'
  })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${mcpIdentity.id}': {}
    }
  }
  properties: {
    environmentId: appsEnvironment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: false
        targetPort: 8001
        transport: 'http'
        allowInsecure: false
        traffic: [
          {
            latestRevision: true
            weight: 100
          }
        ]
      }
      secrets: [
        {
          name: 'jwt-secret-key'
          keyVaultUrl: jwtSecret.properties.secretUri
          identity: mcpIdentity.id
        }
      ]
      registries: [
        {
          server: registry.properties.loginServer
          identity: mcpIdentity.id
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'mcp'
          image: '${registry.properties.loginServer}/${mcpImage}'
          env: [
            {
              name: 'MCP_BACKEND_URL'
              value: 'https://ca-todo-prod-backend.${appsEnvironment.properties.defaultDomain}'
            }
            {
              name: 'JWT_SECRET_KEY'
              secretRef: 'jwt-secret-key'
            }
          ]
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          probes: [
            {
              type: 'Startup'
              httpGet: {
                path: '/health'
                port: 8001
              }
              periodSeconds: 10
              timeoutSeconds: 5
              failureThreshold: 30
            }
            {
              type: 'Liveness'
              httpGet: {
                path: '/health'
                port: 8001
              }
              periodSeconds: 30
              timeoutSeconds: 3
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/health'
                port: 8001
              }
              periodSeconds: 10
              timeoutSeconds: 5
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: 2
        maxReplicas: 6
        rules: [
          {
            name: 'http-load'
            http: {
              metadata: {
                concurrentRequests: '50'
              }
            }
          }
        ]
      }
    }
  }
  dependsOn: [
    mcpIdentity_AcrPull_registry
    mcpIdentity_KeyVaultSecretsUser_jwtSecret
    keyVaultPrivateEndpoint
    keyVaultDnsZoneGroup
    keyVaultDnsZoneLink
  ]
}

resource migrationJob 'Microsoft.App/jobs@2026-07-01' = {
  name: 'caj-todo-prod-migrate'
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
    keyVaultPrivateEndpoint
    keyVaultDnsZoneGroup
    keyVaultDnsZoneLink
    postgres
    postgresDatabase
    postgresRequireTls
    postgresDnsZoneLink
  ]
}

resource probeFunction 'Microsoft.App/containerApps@2026-07-01' = {
  name: 'ca-todo-prod-probe'
  location: location
  tags: union(tags, {
    'azd-service-name': 'probe'
  })
  kind: 'functionapp'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${probeIdentity.id}': {}
    }
  }
  properties: {
    environmentId: appsEnvironment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: false
        targetPort: 80
        transport: 'http'
        allowInsecure: false
        traffic: [
          {
            latestRevision: true
            weight: 100
          }
        ]
      }
      secrets: [
        {
          name: 'jwt-secret-key'
          keyVaultUrl: jwtSecret.properties.secretUri
          identity: probeIdentity.id
        }
        {
          name: 'database-url'
          keyVaultUrl: databaseUrlProbeSecret.properties.secretUri
          identity: probeIdentity.id
        }
      ]
      registries: [
        {
          server: registry.properties.loginServer
          identity: probeIdentity.id
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'probe'
          image: '${registry.properties.loginServer}/${probeImage}'
          env: [
            {
              name: 'FRONTEND_URL'
              value: 'https://ca-todo-prod-frontend.${appsEnvironment.properties.defaultDomain}'
            }
            {
              name: 'BACKEND_URL'
              value: 'https://ca-todo-prod-backend.${appsEnvironment.properties.defaultDomain}'
            }
            {
              name: 'MCP_URL'
              value: 'https://ca-todo-prod-mcp.internal.${appsEnvironment.properties.defaultDomain}/mcp'
            }
            {
              name: 'PROBE_ENVIRONMENT'
              value: 'prod'
            }
            {
              name: 'PROBE_SCHEDULE'
              value: '0 */1 * * * *'
            }
            {
              name: 'FUNCTIONS_WORKER_RUNTIME'
              value: 'dotnet-isolated'
            }
            {
              name: 'AzureWebJobsStorage__accountName'
              value: probeStorage.name
            }
            {
              name: 'AzureWebJobsStorage__credential'
              value: 'managedidentity'
            }
            {
              name: 'AzureWebJobsStorage__clientId'
              value: probeIdentity.properties.clientId
            }
            {
              name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
              value: appInsights.properties.ConnectionString
            }
            {
              name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
              value: 'Authorization=AAD;ClientId=${probeIdentity.properties.clientId}'
            }
            {
              name: 'WEBSITE_CLOUD_ROLENAME'
              value: 'todo-probe'
            }
            {
              name: 'AZURE_SUBSCRIPTION_ID'
              value: subscription().subscriptionId
            }
            {
              name: 'AZURE_RESOURCE_GROUP'
              value: resourceGroup().name
            }
            {
              name: 'MIGRATION_JOB_NAME'
              value: 'caj-todo-prod-migrate'
            }
            {
              name: 'PLATFORM_APP_NAMES'
              value: 'ca-todo-prod-frontend,ca-todo-prod-backend,ca-todo-prod-mcp'
            }
            {
              name: 'AZURE_CLIENT_ID'
              value: probeIdentity.properties.clientId
            }
            {
              name: 'JWT_SECRET_KEY'
              secretRef: 'jwt-secret-key'
            }
            {
              name: 'DATABASE_URL'
              secretRef: 'database-url'
            }
          ]
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          probes: [
            {
              type: 'Startup'
              tcpSocket: {
                port: 80
              }
              periodSeconds: 10
              timeoutSeconds: 5
              failureThreshold: 30
            }
            {
              type: 'Liveness'
              tcpSocket: {
                port: 80
              }
              periodSeconds: 30
              timeoutSeconds: 3
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              tcpSocket: {
                port: 80
              }
              periodSeconds: 10
              timeoutSeconds: 5
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: 1
        maxReplicas: 1
      }
    }
  }
  dependsOn: [
    probeIdentity_StorageBlobDataOwner_probeStorage
    probeIdentity_StorageQueueDataContributor_probeStorage
    probeIdentity_StorageTableDataContributor_probeStorage
    probeIdentity_MonitoringMetricsPublisher_appInsights
    storageBlobPrivateEndpoint
    storageBlobDnsZoneGroup
    storageBlobDnsZoneLink
    storageQueuePrivateEndpoint
    storageQueueDnsZoneGroup
    storageQueueDnsZoneLink
    storageTablePrivateEndpoint
    storageTableDnsZoneGroup
    storageTableDnsZoneLink
    probeIdentity_AcrPull_registry
    probeIdentity_KeyVaultSecretsUser_jwtSecret
    probeIdentity_KeyVaultSecretsUser_databaseUrlProbeSecret
    keyVaultPrivateEndpoint
    keyVaultDnsZoneGroup
    keyVaultDnsZoneLink
    postgres
    postgresDatabase
    postgresRequireTls
    postgresDnsZoneLink
  ]
}

resource probeIdentity_Reader_migrationJob 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: migrationJob
  name: guid(migrationJob.id, probeIdentity.id, 'acdd72a7-3385-48ef-bd42-f606fba81ae7')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')
    principalId: probeIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource probeIdentity_ContainerAppReader_frontendApp 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: frontendApp
  name: guid(frontendApp.id, probeIdentity.id, 'ad2dd5fb-cd4b-4fd4-a9b6-4fed3630980b')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ad2dd5fb-cd4b-4fd4-a9b6-4fed3630980b')
    principalId: probeIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource probeIdentity_ContainerAppReader_backendApp 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: backendApp
  name: guid(backendApp.id, probeIdentity.id, 'ad2dd5fb-cd4b-4fd4-a9b6-4fed3630980b')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ad2dd5fb-cd4b-4fd4-a9b6-4fed3630980b')
    principalId: probeIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource probeIdentity_ContainerAppReader_mcpApp 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: mcpApp
  name: guid(mcpApp.id, probeIdentity.id, 'ad2dd5fb-cd4b-4fd4-a9b6-4fed3630980b')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ad2dd5fb-cd4b-4fd4-a9b6-4fed3630980b')
    principalId: probeIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource alertFrontendReachable 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-todo-prod-frontend-reachable'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'prod: probe check frontend.reachable failing'
    description: 'The health probe\'s check frontend.reachable failed 3 runs in a row; resolves after 2 passing runs. See docs/probes.md.'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT30M'
    criteria: {
      allOf: [
        {
          query: 'availabilityResults\n| where cloud_RoleName == \'todo-probe\' and name == \'frontend.reachable\'\n| where tostring(customDimensions.outcome) != \'skipped\'\n| project timestamp, ok = tostring(success) in (\'1\', \'True\', \'true\')\n| order by timestamp asc\n| extend failedThree = not(ok) and not(prev(ok, 1)) and not(prev(ok, 2))\n| extend passedTwo = ok and prev(ok, 1)\n| summarize lastFailedThree = maxif(timestamp, failedThree), lastPassedTwo = maxif(timestamp, passedTwo)\n| where isnotnull(lastFailedThree) and (isnull(lastPassedTwo) or lastFailedThree > lastPassedTwo)'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroup.id
      ]
    }
  }
}

resource alertFrontendConfig 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-todo-prod-frontend-config'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'prod: probe check frontend.config failing'
    description: 'The health probe\'s check frontend.config failed 3 runs in a row; resolves after 2 passing runs. See docs/probes.md.'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT30M'
    criteria: {
      allOf: [
        {
          query: 'availabilityResults\n| where cloud_RoleName == \'todo-probe\' and name == \'frontend.config\'\n| where tostring(customDimensions.outcome) != \'skipped\'\n| project timestamp, ok = tostring(success) in (\'1\', \'True\', \'true\')\n| order by timestamp asc\n| extend failedThree = not(ok) and not(prev(ok, 1)) and not(prev(ok, 2))\n| extend passedTwo = ok and prev(ok, 1)\n| summarize lastFailedThree = maxif(timestamp, failedThree), lastPassedTwo = maxif(timestamp, passedTwo)\n| where isnotnull(lastFailedThree) and (isnull(lastPassedTwo) or lastFailedThree > lastPassedTwo)'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroup.id
      ]
    }
  }
}

resource alertFrontendBackend 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-todo-prod-frontend-backend'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'prod: probe check frontend.backend failing'
    description: 'The health probe\'s check frontend.backend failed 3 runs in a row; resolves after 2 passing runs. See docs/probes.md.'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT30M'
    criteria: {
      allOf: [
        {
          query: 'availabilityResults\n| where cloud_RoleName == \'todo-probe\' and name == \'frontend.backend\'\n| where tostring(customDimensions.outcome) != \'skipped\'\n| project timestamp, ok = tostring(success) in (\'1\', \'True\', \'true\')\n| order by timestamp asc\n| extend failedThree = not(ok) and not(prev(ok, 1)) and not(prev(ok, 2))\n| extend passedTwo = ok and prev(ok, 1)\n| summarize lastFailedThree = maxif(timestamp, failedThree), lastPassedTwo = maxif(timestamp, passedTwo)\n| where isnotnull(lastFailedThree) and (isnull(lastPassedTwo) or lastFailedThree > lastPassedTwo)'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroup.id
      ]
    }
  }
}

resource alertBackendHealth 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-todo-prod-backend-health'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'prod: probe check backend.health failing'
    description: 'The health probe\'s check backend.health failed 3 runs in a row; resolves after 2 passing runs. See docs/probes.md.'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT30M'
    criteria: {
      allOf: [
        {
          query: 'availabilityResults\n| where cloud_RoleName == \'todo-probe\' and name == \'backend.health\'\n| where tostring(customDimensions.outcome) != \'skipped\'\n| project timestamp, ok = tostring(success) in (\'1\', \'True\', \'true\')\n| order by timestamp asc\n| extend failedThree = not(ok) and not(prev(ok, 1)) and not(prev(ok, 2))\n| extend passedTwo = ok and prev(ok, 1)\n| summarize lastFailedThree = maxif(timestamp, failedThree), lastPassedTwo = maxif(timestamp, passedTwo)\n| where isnotnull(lastFailedThree) and (isnull(lastPassedTwo) or lastFailedThree > lastPassedTwo)'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroup.id
      ]
    }
  }
}

resource alertBackendAuthRejects 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-todo-prod-backend-auth-rejects'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'prod: probe check backend.auth.rejects failing'
    description: 'The health probe\'s check backend.auth.rejects failed 3 runs in a row; resolves after 2 passing runs. See docs/probes.md.'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT30M'
    criteria: {
      allOf: [
        {
          query: 'availabilityResults\n| where cloud_RoleName == \'todo-probe\' and name == \'backend.auth.rejects\'\n| where tostring(customDimensions.outcome) != \'skipped\'\n| project timestamp, ok = tostring(success) in (\'1\', \'True\', \'true\')\n| order by timestamp asc\n| extend failedThree = not(ok) and not(prev(ok, 1)) and not(prev(ok, 2))\n| extend passedTwo = ok and prev(ok, 1)\n| summarize lastFailedThree = maxif(timestamp, failedThree), lastPassedTwo = maxif(timestamp, passedTwo)\n| where isnotnull(lastFailedThree) and (isnull(lastPassedTwo) or lastFailedThree > lastPassedTwo)'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroup.id
      ]
    }
  }
}

resource alertBackendAuthAccepts 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-todo-prod-backend-auth-accepts'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'prod: probe check backend.auth.accepts failing'
    description: 'The health probe\'s check backend.auth.accepts failed 3 runs in a row; resolves after 2 passing runs. See docs/probes.md.'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT30M'
    criteria: {
      allOf: [
        {
          query: 'availabilityResults\n| where cloud_RoleName == \'todo-probe\' and name == \'backend.auth.accepts\'\n| where tostring(customDimensions.outcome) != \'skipped\'\n| project timestamp, ok = tostring(success) in (\'1\', \'True\', \'true\')\n| order by timestamp asc\n| extend failedThree = not(ok) and not(prev(ok, 1)) and not(prev(ok, 2))\n| extend passedTwo = ok and prev(ok, 1)\n| summarize lastFailedThree = maxif(timestamp, failedThree), lastPassedTwo = maxif(timestamp, passedTwo)\n| where isnotnull(lastFailedThree) and (isnull(lastPassedTwo) or lastFailedThree > lastPassedTwo)'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroup.id
      ]
    }
  }
}

resource alertBackendAuthz 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-todo-prod-backend-authz'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'prod: probe check backend.authz failing'
    description: 'The health probe\'s check backend.authz failed 3 runs in a row; resolves after 2 passing runs. See docs/probes.md.'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT30M'
    criteria: {
      allOf: [
        {
          query: 'availabilityResults\n| where cloud_RoleName == \'todo-probe\' and name == \'backend.authz\'\n| where tostring(customDimensions.outcome) != \'skipped\'\n| project timestamp, ok = tostring(success) in (\'1\', \'True\', \'true\')\n| order by timestamp asc\n| extend failedThree = not(ok) and not(prev(ok, 1)) and not(prev(ok, 2))\n| extend passedTwo = ok and prev(ok, 1)\n| summarize lastFailedThree = maxif(timestamp, failedThree), lastPassedTwo = maxif(timestamp, passedTwo)\n| where isnotnull(lastFailedThree) and (isnull(lastPassedTwo) or lastFailedThree > lastPassedTwo)'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroup.id
      ]
    }
  }
}

resource alertMcpHandshake 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-todo-prod-mcp-handshake'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'prod: probe check mcp.handshake failing'
    description: 'The health probe\'s check mcp.handshake failed 3 runs in a row; resolves after 2 passing runs. See docs/probes.md.'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT30M'
    criteria: {
      allOf: [
        {
          query: 'availabilityResults\n| where cloud_RoleName == \'todo-probe\' and name == \'mcp.handshake\'\n| where tostring(customDimensions.outcome) != \'skipped\'\n| project timestamp, ok = tostring(success) in (\'1\', \'True\', \'true\')\n| order by timestamp asc\n| extend failedThree = not(ok) and not(prev(ok, 1)) and not(prev(ok, 2))\n| extend passedTwo = ok and prev(ok, 1)\n| summarize lastFailedThree = maxif(timestamp, failedThree), lastPassedTwo = maxif(timestamp, passedTwo)\n| where isnotnull(lastFailedThree) and (isnull(lastPassedTwo) or lastFailedThree > lastPassedTwo)'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroup.id
      ]
    }
  }
}

resource alertMcpBackend 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-todo-prod-mcp-backend'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'prod: probe check mcp.backend failing'
    description: 'The health probe\'s check mcp.backend failed 3 runs in a row; resolves after 2 passing runs. See docs/probes.md.'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT30M'
    criteria: {
      allOf: [
        {
          query: 'availabilityResults\n| where cloud_RoleName == \'todo-probe\' and name == \'mcp.backend\'\n| where tostring(customDimensions.outcome) != \'skipped\'\n| project timestamp, ok = tostring(success) in (\'1\', \'True\', \'true\')\n| order by timestamp asc\n| extend failedThree = not(ok) and not(prev(ok, 1)) and not(prev(ok, 2))\n| extend passedTwo = ok and prev(ok, 1)\n| summarize lastFailedThree = maxif(timestamp, failedThree), lastPassedTwo = maxif(timestamp, passedTwo)\n| where isnotnull(lastFailedThree) and (isnull(lastPassedTwo) or lastFailedThree > lastPassedTwo)'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroup.id
      ]
    }
  }
}

resource alertDatabaseSchema 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-todo-prod-database-schema'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'prod: probe check database.schema failing'
    description: 'The health probe\'s check database.schema failed 3 runs in a row; resolves after 2 passing runs. See docs/probes.md.'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT30M'
    criteria: {
      allOf: [
        {
          query: 'availabilityResults\n| where cloud_RoleName == \'todo-probe\' and name == \'database.schema\'\n| where tostring(customDimensions.outcome) != \'skipped\'\n| project timestamp, ok = tostring(success) in (\'1\', \'True\', \'true\')\n| order by timestamp asc\n| extend failedThree = not(ok) and not(prev(ok, 1)) and not(prev(ok, 2))\n| extend passedTwo = ok and prev(ok, 1)\n| summarize lastFailedThree = maxif(timestamp, failedThree), lastPassedTwo = maxif(timestamp, passedTwo)\n| where isnotnull(lastFailedThree) and (isnull(lastPassedTwo) or lastFailedThree > lastPassedTwo)'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroup.id
      ]
    }
  }
}

resource alertProbeScheduling 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-todo-prod-probe-scheduling'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'prod: probe check probe.scheduling failing'
    description: 'The health probe\'s check probe.scheduling failed 3 runs in a row; resolves after 2 passing runs. See docs/probes.md.'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT30M'
    criteria: {
      allOf: [
        {
          query: 'availabilityResults\n| where cloud_RoleName == \'todo-probe\' and name == \'probe.scheduling\'\n| where tostring(customDimensions.outcome) != \'skipped\'\n| project timestamp, ok = tostring(success) in (\'1\', \'True\', \'true\')\n| order by timestamp asc\n| extend failedThree = not(ok) and not(prev(ok, 1)) and not(prev(ok, 2))\n| extend passedTwo = ok and prev(ok, 1)\n| summarize lastFailedThree = maxif(timestamp, failedThree), lastPassedTwo = maxif(timestamp, passedTwo)\n| where isnotnull(lastFailedThree) and (isnull(lastPassedTwo) or lastFailedThree > lastPassedTwo)'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroup.id
      ]
    }
  }
}

resource alertPlatformMigration 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-todo-prod-platform-migration'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'prod: probe check platform.migration failing'
    description: 'The health probe\'s check platform.migration failed 3 runs in a row; resolves after 2 passing runs. See docs/probes.md.'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT30M'
    criteria: {
      allOf: [
        {
          query: 'availabilityResults\n| where cloud_RoleName == \'todo-probe\' and name == \'platform.migration\'\n| where tostring(customDimensions.outcome) != \'skipped\'\n| project timestamp, ok = tostring(success) in (\'1\', \'True\', \'true\')\n| order by timestamp asc\n| extend failedThree = not(ok) and not(prev(ok, 1)) and not(prev(ok, 2))\n| extend passedTwo = ok and prev(ok, 1)\n| summarize lastFailedThree = maxif(timestamp, failedThree), lastPassedTwo = maxif(timestamp, passedTwo)\n| where isnotnull(lastFailedThree) and (isnull(lastPassedTwo) or lastFailedThree > lastPassedTwo)'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroup.id
      ]
    }
  }
}

resource alertPlatformRevisions 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-todo-prod-platform-revisions'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'prod: probe check platform.revisions failing'
    description: 'The health probe\'s check platform.revisions failed 3 runs in a row; resolves after 2 passing runs. See docs/probes.md.'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT30M'
    criteria: {
      allOf: [
        {
          query: 'availabilityResults\n| where cloud_RoleName == \'todo-probe\' and name == \'platform.revisions\'\n| where tostring(customDimensions.outcome) != \'skipped\'\n| project timestamp, ok = tostring(success) in (\'1\', \'True\', \'true\')\n| order by timestamp asc\n| extend failedThree = not(ok) and not(prev(ok, 1)) and not(prev(ok, 2))\n| extend passedTwo = ok and prev(ok, 1)\n| summarize lastFailedThree = maxif(timestamp, failedThree), lastPassedTwo = maxif(timestamp, passedTwo)\n| where isnotnull(lastFailedThree) and (isnull(lastPassedTwo) or lastFailedThree > lastPassedTwo)'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroup.id
      ]
    }
  }
}

resource alertSecurity 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-todo-prod-auth-security'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'prod: backend accepted a request it must reject'
    description: 'A security check (frontend.backend, backend.auth.rejects, backend.authz) reported a security failure: the backend accepted a request docs/contract.md says it must refuse. Treat as a security incident.'
    severity: 0
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [
        {
          query: 'availabilityResults\n| where cloud_RoleName == \'todo-probe\' and name in (\'frontend.backend\', \'backend.auth.rejects\', \'backend.authz\') and tostring(customDimensions.outcome) == \'security-fail\''
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroup.id
      ]
    }
  }
}

resource alertProbeSilent 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-todo-prod-probe-silent'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'prod: health probe reported nothing for 5 minutes'
    description: 'No availability result arrived for 5 minutes: the probe Function is down, so no check alert can fire.'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [
        {
          query: 'availabilityResults\n| where cloud_RoleName == \'todo-probe\'\n| summarize runs = count()'
          timeAggregation: 'Total'
          metricMeasureColumn: 'runs'
          operator: 'LessThan'
          threshold: 1
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroup.id
      ]
    }
  }
}

resource alertBurnFast 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-todo-prod-slo-burn-fast'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'prod: success criteria burning their error budget (fast)'
    description: 'An objective (SC-002 95 %, SC-003 98 %, SC-004 99 %, SC-005 99 %) spends its error budget too fast: fast: more than 14.4× the error budget failing over both the last 1 hour and 5 minutes (2 % of a 30-day budget in 1 hour). The alert\'s results name the objective and its burn rates. See the environment README\'s objective table and the SLO workbook.'
    severity: 1
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: 'availabilityResults\n| where timestamp > ago(1h) and cloud_RoleName == \'todo-probe\'\n| extend objective = case(name in (\'platform.migration\', \'platform.revisions\'), \'SC-002\', name in (\'frontend.reachable\', \'frontend.config\', \'frontend.backend\', \'backend.health\', \'mcp.handshake\', \'mcp.backend\'), \'SC-003\', name in (\'backend.auth.rejects\', \'backend.auth.accepts\', \'backend.authz\'), \'SC-004\', name in (\'database.schema\'), \'SC-005\', \'\')\n| where objective != \'\' and tostring(customDimensions.failureKind) != \'Starved\'\n| extend failed = not(tostring(success) in (\'1\', \'True\', \'true\'))\n| summarize total_1h = countif(timestamp > ago(1h)), failed_1h = countif(timestamp > ago(1h) and failed), total_5m = countif(timestamp > ago(5m)), failed_5m = countif(timestamp > ago(5m) and failed) by objective\n| extend budget = case(objective == \'SC-002\', 0.05, objective == \'SC-003\', 0.02, objective == \'SC-004\', 0.01, objective == \'SC-005\', 0.01, 1.0)\n| extend fast = failed_1h > 14.4 * budget * total_1h and failed_5m > 14.4 * budget * total_5m\n| where fast\n| project objective, budget, fast, burn_1h = round(todouble(failed_1h) / todouble(total_1h) / budget, 1), burn_5m = round(todouble(failed_5m) / todouble(total_5m) / budget, 1)'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroup.id
      ]
    }
  }
}

resource alertBurnSlow 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = {
  name: 'alert-todo-prod-slo-burn-slow'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'prod: success criteria burning their error budget (slow)'
    description: 'An objective (SC-002 95 %, SC-003 98 %, SC-004 99 %, SC-005 99 %) spends its error budget too fast: slow: more than 6× the error budget failing over both the last 6 hours and 30 minutes (5 % of a 30-day budget in 6 hours). The alert\'s results name the objective and its burn rates. See the environment README\'s objective table and the SLO workbook.'
    severity: 2
    enabled: true
    scopes: [
      appInsights.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT6H'
    criteria: {
      allOf: [
        {
          query: 'availabilityResults\n| where timestamp > ago(6h) and cloud_RoleName == \'todo-probe\'\n| extend objective = case(name in (\'platform.migration\', \'platform.revisions\'), \'SC-002\', name in (\'frontend.reachable\', \'frontend.config\', \'frontend.backend\', \'backend.health\', \'mcp.handshake\', \'mcp.backend\'), \'SC-003\', name in (\'backend.auth.rejects\', \'backend.auth.accepts\', \'backend.authz\'), \'SC-004\', name in (\'database.schema\'), \'SC-005\', \'\')\n| where objective != \'\' and tostring(customDimensions.failureKind) != \'Starved\'\n| extend failed = not(tostring(success) in (\'1\', \'True\', \'true\'))\n| summarize total_6h = countif(timestamp > ago(6h)), failed_6h = countif(timestamp > ago(6h) and failed), total_30m = countif(timestamp > ago(30m)), failed_30m = countif(timestamp > ago(30m) and failed) by objective\n| extend budget = case(objective == \'SC-002\', 0.05, objective == \'SC-003\', 0.02, objective == \'SC-004\', 0.01, objective == \'SC-005\', 0.01, 1.0)\n| extend slow = failed_6h > 6 * budget * total_6h and failed_30m > 6 * budget * total_30m\n| where slow\n| project objective, budget, slow, burn_6h = round(todouble(failed_6h) / todouble(total_6h) / budget, 1), burn_30m = round(todouble(failed_30m) / todouble(total_30m) / budget, 1)'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        alertActionGroup.id
      ]
    }
  }
}

resource sloWorkbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, 'slo-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: 'prod: success criteria (SLOs)'
    category: 'workbook'
    version: 'Notebook/1.0'
    sourceId: appInsights.id
    serializedData: '{"version":"Notebook/1.0","items":[{"type":1,"content":{"json":"## prod: success criteria\\n\\nThe health probe\'s results (cloud role `todo-probe`) against the objectives of docs/contract.md. **SC-002** deployment: 95 % (`platform.migration`, `platform.revisions`). **SC-003** communication between frontend, API, MCP server: 98 % (`frontend.reachable`, `frontend.config`, `frontend.backend`, `backend.health`, `mcp.handshake`, `mcp.backend`). **SC-004** JWT authentication and authorization: 99 % (`backend.auth.rejects`, `backend.auth.accepts`, `backend.authz`). **SC-005** database: 99 % (`database.schema`)."},"name":"intro"},{"type":3,"content":{"version":"KqlItem/1.0","query":"availabilityResults\\n| where cloud_RoleName == \'todo-probe\'\\n| extend objective = case(name in (\'platform.migration\', \'platform.revisions\'), \'SC-002\', name in (\'frontend.reachable\', \'frontend.config\', \'frontend.backend\', \'backend.health\', \'mcp.handshake\', \'mcp.backend\'), \'SC-003\', name in (\'backend.auth.rejects\', \'backend.auth.accepts\', \'backend.authz\'), \'SC-004\', name in (\'database.schema\'), \'SC-005\', \'\')\\n| where objective != \'\' and tostring(customDimensions.failureKind) != \'Starved\'\\n| summarize total = count(), failed = countif(not(tostring(success) in (\'1\', \'True\', \'true\'))) by objective\\n| extend budget = case(objective == \'SC-002\', 0.05, objective == \'SC-003\', 0.02, objective == \'SC-004\', 0.01, objective == \'SC-005\', 0.01, 1.0)\\n| project objective, target = round(100.0 * (1.0 - budget), 1), successRate = round(100.0 * todouble(total - failed) / todouble(total), 2), budgetBurned = round(100.0 * todouble(failed) / (todouble(total) * budget), 1), failed, total\\n| order by objective asc","size":0,"title":"Error budget burned, last 30 days","timeContext":{"durationMs":2592000000},"queryType":0,"resourceType":"microsoft.insights/components","visualization":"table"},"name":"budget"},{"type":3,"content":{"version":"KqlItem/1.0","query":"availabilityResults\\n| where cloud_RoleName == \'todo-probe\'\\n| summarize results = count(), passed = countif(tostring(success) in (\'1\', \'True\', \'true\')) by name\\n| project objective = case(name in (\'platform.migration\', \'platform.revisions\'), \'SC-002\', name in (\'frontend.reachable\', \'frontend.config\', \'frontend.backend\', \'backend.health\', \'mcp.handshake\', \'mcp.backend\'), \'SC-003\', name in (\'backend.auth.rejects\', \'backend.auth.accepts\', \'backend.authz\'), \'SC-004\', name in (\'database.schema\'), \'SC-005\', \'\'), check = name, successRate = round(100.0 * todouble(passed) / todouble(results), 2), results\\n| order by objective asc, check asc","size":0,"title":"Success rate per check, last 7 days","timeContext":{"durationMs":604800000},"queryType":0,"resourceType":"microsoft.insights/components","visualization":"table"},"name":"success-rate"},{"type":3,"content":{"version":"KqlItem/1.0","query":"availabilityResults\\n| where cloud_RoleName == \'todo-probe\' and not(tostring(success) in (\'1\', \'True\', \'true\'))\\n| project timestamp, check = name, outcome = tostring(customDimensions.outcome), failureKind = tostring(customDimensions.failureKind), reason = message\\n| order by timestamp desc\\n| take 50","size":0,"title":"Last failures with their reasons, last 7 days","timeContext":{"durationMs":604800000},"queryType":0,"resourceType":"microsoft.insights/components","visualization":"table"},"name":"failures"}],"isLocked":false}'
  }
}

resource postgresStorageAlert 'Microsoft.Insights/metricAlerts@2026-01-01' = {
  name: 'alert-todo-prod-postgres-storage'
  location: 'global'
  tags: tags
  properties: {
    description: 'PostgreSQL storage at or above 80 % of its provisioned size; raise database.storageSizeGB in env/prod.json and deploy (the server turns read-only at 95 %).'
    severity: 2
    enabled: true
    scopes: [
      postgres.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          name: 'storage-percent'
          criterionType: 'StaticThresholdCriterion'
          metricName: 'storage_percent'
          metricNamespace: 'Microsoft.DBforPostgreSQL/flexibleServers'
          operator: 'GreaterThanOrEqual'
          threshold: 80
          timeAggregation: 'Maximum'
        }
      ]
    }
    autoMitigate: true
    actions: [
      {
        actionGroupId: alertActionGroup.id
      }
    ]
  }
}

#disable-next-line use-recent-api-versions
resource keyVaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: keyVault
  name: 'to-log-analytics'
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

#disable-next-line use-recent-api-versions
resource postgresDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: postgres
  name: 'to-log-analytics'
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

#disable-next-line use-recent-api-versions
resource registryDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: registry
  name: 'to-log-analytics'
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

resource keyVaultLock 'Microsoft.Authorization/locks@2020-05-01' = {
  scope: keyVault
  name: 'do-not-delete'
  properties: {
    level: 'CanNotDelete'
    notes: 'Deleting the vault takes every secret of the environment with it.'
  }
}

resource postgresLock 'Microsoft.Authorization/locks@2020-05-01' = {
  scope: postgres
  name: 'do-not-delete'
  properties: {
    level: 'CanNotDelete'
    notes: 'Deleting the server deletes the Todo data; restore needs a point-in-time restore.'
  }
}

@description('Public URL of the frontend.')
output FRONTEND_URL string = 'https://ca-todo-prod-frontend.${appsEnvironment.properties.defaultDomain}'

@description('Public URL of the backend API.')
output BACKEND_URL string = 'https://ca-todo-prod-backend.${appsEnvironment.properties.defaultDomain}'

@description('The MCP endpoint; internal ingress, reachable only from inside the Container Apps environment.')
output MCP_URL string = 'https://ca-todo-prod-mcp.internal.${appsEnvironment.properties.defaultDomain}/mcp'

@description('The deploy command\'s migration stage starts it and waits for it.')
output MIGRATION_JOB_NAME string = migrationJob.name

output PROBE_FUNCTION_NAME string = probeFunction.name

@description('azd pushes images here.')
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.properties.loginServer

output AZURE_CONTAINER_REGISTRY_NAME string = registry.name

output AZURE_KEY_VAULT_NAME string = keyVault.name

@description('The PostgreSQL server\'s host name, from its name: known before the server exists.')
output POSTGRES_HOST string = 'psql-todo-prod-${uniqueString(resourceGroup().id, 'postgres')}.postgres.database.azure.com'

output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = appsEnvironment.name

output POSTGRES_SERVER_NAME string = postgres.name

output APPLICATIONINSIGHTS_NAME string = appInsights.name
