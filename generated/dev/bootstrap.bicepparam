using 'bootstrap.bicep'

param location = 'westeurope'

param environmentName = 'dev'

param jwtSecretKey = readEnvironmentVariable('JWT_SECRET_KEY')

param jwtSecretKeyPrevious = readEnvironmentVariable('JWT_SECRET_KEY_PREVIOUS', '')

param hasJwtSecretKeyPrevious = !empty(readEnvironmentVariable('JWT_SECRET_KEY_PREVIOUS', ''))

param postgresAdminPassword = readEnvironmentVariable('POSTGRES_ADMIN_PASSWORD')

param postgresOwnerPassword = readEnvironmentVariable('POSTGRES_OWNER_PASSWORD')

param postgresAppPassword = readEnvironmentVariable('POSTGRES_APP_PASSWORD')

param postgresProbePassword = readEnvironmentVariable('POSTGRES_PROBE_PASSWORD')

param openAiApiKey = readEnvironmentVariable('OPENAI_API_KEY')
