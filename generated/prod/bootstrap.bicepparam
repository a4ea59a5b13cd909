using 'bootstrap.bicep'

param location = 'westeurope'

param environmentName = 'prod'
