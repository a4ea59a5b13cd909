using 'main.bicep'

param location = 'westeurope'

param environmentName = 'dev'

param frontendImage = empty(readEnvironmentVariable('DEPLOYED_FRONTEND_IMAGE', '')) ? 'todo-frontend:1.0.0' : readEnvironmentVariable('DEPLOYED_FRONTEND_IMAGE', '')

param backendImage = empty(readEnvironmentVariable('DEPLOYED_BACKEND_IMAGE', '')) ? 'todo-backend:1.0.0' : readEnvironmentVariable('DEPLOYED_BACKEND_IMAGE', '')

param mcpImage = empty(readEnvironmentVariable('DEPLOYED_MCP_IMAGE', '')) ? 'todo-mcp:1.0.0' : readEnvironmentVariable('DEPLOYED_MCP_IMAGE', '')

param migrateImage = empty(readEnvironmentVariable('DEPLOYED_MIGRATE_IMAGE', '')) ? 'todo-migrate:1.0.0' : readEnvironmentVariable('DEPLOYED_MIGRATE_IMAGE', '')

param probeImage = empty(readEnvironmentVariable('DEPLOYED_PROBE_IMAGE', '')) ? 'todo-probe:1.0.0' : readEnvironmentVariable('DEPLOYED_PROBE_IMAGE', '')

param jwtSecretKey = readEnvironmentVariable('JWT_SECRET_KEY')

param jwtSecretKeyPrevious = readEnvironmentVariable('JWT_SECRET_KEY_PREVIOUS', '')

param hasJwtSecretKeyPrevious = !empty(readEnvironmentVariable('JWT_SECRET_KEY_PREVIOUS', ''))

param postgresAdminPassword = readEnvironmentVariable('POSTGRES_ADMIN_PASSWORD')

param postgresOwnerPassword = readEnvironmentVariable('POSTGRES_OWNER_PASSWORD')

param postgresAppPassword = readEnvironmentVariable('POSTGRES_APP_PASSWORD')

param postgresProbePassword = readEnvironmentVariable('POSTGRES_PROBE_PASSWORD')

param openAiApiKey = readEnvironmentVariable('OPENAI_API_KEY')
