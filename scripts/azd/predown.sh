#!/bin/sh
# azd predown hook: `azd down` goes ahead for a non-production environment and says what a deleted Key Vault leaves
# behind; for a production-tier one it refuses while the resource group holds locks, which only the explicit
# `teardown unlock -e <env>` command removes.
set -eu
cd "$(dirname "$0")/../.."
# shellcheck disable=SC2086 # PROVISIONING_CLI is a command with its arguments
exec ${PROVISIONING_CLI:-dotnet run --project src/Cli --} teardown check
