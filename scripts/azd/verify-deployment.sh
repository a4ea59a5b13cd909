#!/bin/sh
# The last stage of a deployment (FR-013: components are verified after deployment). azd runs it at the end of the
# postdeploy hook, after the new revisions are live and the migration succeeded; on the `az` path it is the last step
# of docs/deployment.md. It waits for the first complete run of the probe inside the environment that started after
# this point and fails (exit 1, 3 for a security failure) when a check is red, printing each red check's reason.
# The logic is the CLI's `verify-deployment` command (src/Cli/Commands/VerifyDeploymentCommand.cs); this only calls it.
#
# Needs AZURE_ENV_NAME, AZURE_RESOURCE_GROUP and APPLICATIONINSIGHTS_NAME (an output of the deployment), the .NET SDK
# (or PROVISIONING_CLI: how to run the CLI, e.g. "dotnet /opt/provisioning/Provisioning.Cli.dll" in a pipeline that
# published it), and the Azure CLI with its application-insights extension. VERIFY_TIMEOUT_SECONDS, when set, bounds
# the wait (default: the probe's interval plus 6 minutes).
set -eu
cd "$(dirname "$0")/../.."

env_name="${AZURE_ENV_NAME:?AZURE_ENV_NAME is not set; run this through azd or export the environment name (dev, staging, prod)}"
: "${AZURE_RESOURCE_GROUP:?AZURE_RESOURCE_GROUP is not set; run this through azd or export it}"
: "${APPLICATIONINSIGHTS_NAME:?APPLICATIONINSIGHTS_NAME is not set; it is an output of the deployment (azd sets it after provision)}"

# shellcheck disable=SC2086 # PROVISIONING_CLI is a command with its arguments
exec ${PROVISIONING_CLI:-dotnet run --project src/Cli --} verify-deployment -e "$env_name" ${VERIFY_TIMEOUT_SECONDS:+--timeout "$VERIFY_TIMEOUT_SECONDS"}
