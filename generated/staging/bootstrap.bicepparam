using 'bootstrap.bicep'

param location = 'westeurope'

param environmentName = 'staging'

param hasJwtSecretKeyPrevious = readEnvironmentVariable('HAS_JWT_SECRET_KEY_PREVIOUS', 'false') == 'true'

param secretsExist = readEnvironmentVariable('SECRETS_INITIALIZED', 'true') != 'false'
