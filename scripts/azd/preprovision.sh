#!/bin/sh
# azd preprovision hook: the deployment's stages up to the workloads, as `deploy` runs them (their order and reasons:
# src/Deployment/DeploymentStages.cs, docs/deployment.md): check (every missing value listed, nothing deployed),
# bootstrap, secrets, images (no Docker), data, migration; then main.bicep is handed to azd provision, which creates
# or updates the workloads against the migrated schema. The postprovision hook verifies.
#
# PROVISIONING_CLI, when set, is how to run the CLI (e.g. "dotnet /opt/provisioning/provisioning.dll" in a pipeline
# that published it); otherwise the .NET SDK of global.json builds and runs it from this checkout.
set -eu
cd "$(dirname "$0")/../.."
# shellcheck disable=SC2086 # PROVISIONING_CLI is a command with its arguments
exec ${PROVISIONING_CLI:-dotnet run --project src/Cli --} deploy --azd --through workloads
