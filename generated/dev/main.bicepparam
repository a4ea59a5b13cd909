using 'main.bicep'

param location = 'westeurope'

param environmentName = 'dev'

param frontendImage = empty(readEnvironmentVariable('DEPLOYED_FRONTEND_IMAGE', '')) ? 'todo-frontend:1.0.0' : readEnvironmentVariable('DEPLOYED_FRONTEND_IMAGE', '')

param backendImage = empty(readEnvironmentVariable('DEPLOYED_BACKEND_IMAGE', '')) ? 'todo-backend:1.0.0' : readEnvironmentVariable('DEPLOYED_BACKEND_IMAGE', '')

param mcpImage = empty(readEnvironmentVariable('DEPLOYED_MCP_IMAGE', '')) ? 'todo-mcp:1.0.0' : readEnvironmentVariable('DEPLOYED_MCP_IMAGE', '')

param migrateImage = empty(readEnvironmentVariable('DEPLOYED_MIGRATE_IMAGE', '')) ? 'todo-migrate:1.0.0' : readEnvironmentVariable('DEPLOYED_MIGRATE_IMAGE', '')

param probeImage = empty(readEnvironmentVariable('DEPLOYED_PROBE_IMAGE', '')) ? 'todo-probe:1.0.0' : readEnvironmentVariable('DEPLOYED_PROBE_IMAGE', '')

param hasJwtSecretKeyPrevious = readEnvironmentVariable('HAS_JWT_SECRET_KEY_PREVIOUS', 'false') == 'true'

param postgresAdminPassword = getSecret(readEnvironmentVariable('AZURE_SUBSCRIPTION_ID'), readEnvironmentVariable('AZURE_RESOURCE_GROUP'), readEnvironmentVariable('AZURE_KEY_VAULT_NAME'), 'database-password-admin')

param jwtKeyVersion = readEnvironmentVariable('JWT_KEY_VERSION', '')
