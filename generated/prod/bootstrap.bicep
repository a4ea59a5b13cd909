@description('Azure region of every resource.')
param location string

@description('The environment (azd\'s AZURE_ENV_NAME); it names and tags every resource.')
@allowed([
  'prod'
])
param environmentName string

@description('Tags on every resource; azd finds the environment by azd-env-name.')
var tags = {
  'azd-env-name': environmentName
  workload: 'todo'
  environment: 'prod'
  'managed-by': 'provisioning-generator'
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

@description('azd pushes images here.')
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.properties.loginServer

output AZURE_CONTAINER_REGISTRY_NAME string = registry.name
