using 'data.bicep'

param location = 'westeurope'

param environmentName = 'staging'

param migrateImage = empty(readEnvironmentVariable('DEPLOYED_MIGRATE_IMAGE', '')) ? 'todo-migrate:1.0.0' : readEnvironmentVariable('DEPLOYED_MIGRATE_IMAGE', '')

param hasJwtSecretKeyPrevious = readEnvironmentVariable('HAS_JWT_SECRET_KEY_PREVIOUS', 'false') == 'true'

param postgresAdminPassword = getSecret(readEnvironmentVariable('AZURE_SUBSCRIPTION_ID'), readEnvironmentVariable('AZURE_RESOURCE_GROUP'), readEnvironmentVariable('AZURE_KEY_VAULT_NAME'), 'database-password-admin')
