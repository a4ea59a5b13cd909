#!/bin/sh
# azd postprovision hook: the last stage, verification (src/Deployment/DeploymentStages.cs): the deployment is done
# only when the first complete probe run inside the environment after the workloads changed is green.
set -eu
cd "$(dirname "$0")/../.."
# shellcheck disable=SC2086 # PROVISIONING_CLI is a command with its arguments
exec ${PROVISIONING_CLI:-dotnet run --project src/Cli --} deploy --azd --stage verification
