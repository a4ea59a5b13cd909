#!/bin/sh
# Deploy generated/<env>/bootstrap.bicep before main.bicep, and when it granted a role that did not exist before,
# wait until the grant has had time to take effect.
#
# Container Apps pulls images and resolves Key Vault references with the app's identity when the app (revision) is
# created, and a new role assignment can take up to 10 minutes to take effect ("Troubleshoot Azure RBAC": "Role
# assignment changes are not being detected"). bootstrap.bicep holds what must exist, granted, before any app
# (docs/deployment.md, R1): monitoring, the identities, the registry, the Key Vault with every secret (so it reads the
# same secret variables as main.bicepparam), the probe's storage, and every grant a workload needs when created. This script makes "before" mean "long
# enough before": it lists the group's role assignments before and after the bootstrap deployment and waits
# ROLE_PROPAGATION_SECONDS (600) when there is a new one (a first deployment, or a new component or secret).
# An unchanged environment does not wait.
#
# Usage: bootstrap.sh <env>   (AZURE_RESOURCE_GROUP; AZURE_LOCATION when the group does not exist yet;
#                              AZURE_SUBSCRIPTION_ID optional). Exit: 0 done, 6 failed (nothing else was deployed).
set -eu
cd "$(dirname "$0")/../.."

env_name="${1:-${AZURE_ENV_NAME:-}}"
group="${AZURE_RESOURCE_GROUP:-}"
wait_seconds="${ROLE_PROPAGATION_SECONDS:-600}"
template="generated/$env_name/bootstrap.bicep"
parameters="generated/$env_name/bootstrap.bicepparam"
me="preprovision: bootstrap"

fail() { printf '%s: %s\n' "$me" "$1" >&2; exit 6; }

[ -f "$template" ] && [ -f "$parameters" ] || fail "there is no $template or $parameters."
if [ -z "$group" ]; then
  echo "$me: AZURE_RESOURCE_GROUP is not set, so $template cannot be deployed ahead of the apps; set it before the first 'azd up' ('azd env set AZURE_RESOURCE_GROUP rg-todo-$env_name'), or the first deployment depends on role assignments that are minutes old."
  exit 0
fi
command -v az >/dev/null 2>&1 || fail "the Azure CLI (az) is not on PATH."
case "$wait_seconds" in ''|*[!0-9]*) fail "ROLE_PROPAGATION_SECONDS must be a number of seconds, not '$wait_seconds'." ;; esac

exists=$(az group exists --name "$group") || fail "could not read whether resource group $group exists (az group exists failed; signed in, right subscription?)."
if [ "$exists" != "true" ]; then
  [ -n "${AZURE_LOCATION:-}" ] || fail "resource group $group does not exist and AZURE_LOCATION is not set; 'azd env set AZURE_LOCATION <region>'."
  az group create --name "$group" --location "$AZURE_LOCATION" --tags "azd-env-name=$env_name" --output none \
    || fail "could not create resource group $group."
  echo "$me: created resource group $group in $AZURE_LOCATION"
fi

# The ids of the role assignments at or below the group (case-insensitive: ARM keeps the casing each scope was
# written with).
grants() {
  all=$(az role assignment list --all --query "[].[id, scope]" --output tsv) \
    || fail "could not list role assignments (az role assignment list failed)."
  printf '%s\n' "$all" | awk -F '\t' -v g="/resourcegroups/$(printf %s "$group" | tr '[:upper:]' '[:lower:]')" \
    -v s="$(printf %s "${AZURE_SUBSCRIPTION_ID:-}" | tr '[:upper:]' '[:lower:]')" '
    NF >= 2 {
      scope = tolower($2)
      p = index(scope, g)
      if (p == 0) next
      rest = substr(scope, p + length(g), 1)
      if (rest != "" && rest != "/") next
      if (s != "" && index(scope, "/subscriptions/" s "/") != 1) next
      print tolower($1)
    }' | LC_ALL=C sort -u
}

# BOOTSTRAP_GRANTS_FILE: the grants before an earlier step of the same run (`deploy` deploys the bootstrap twice
# around `secrets init`): what that step created counts as new here, so one wait covers both steps.
if [ -n "${BOOTSTRAP_GRANTS_FILE:-}" ] && [ -f "$BOOTSTRAP_GRANTS_FILE" ]; then
  before=$(cat "$BOOTSTRAP_GRANTS_FILE")
else
  before=$(grants)
  if [ -n "${BOOTSTRAP_GRANTS_FILE:-}" ]; then printf '%s\n' "$before" > "$BOOTSTRAP_GRANTS_FILE"; fi
fi
echo "$me: deploying $template"
az deployment group create --resource-group "$group" --name "bootstrap-$env_name" \
    --template-file "$template" --parameters "$parameters" --output none \
  || fail "the deployment of $template failed (its error is above); main.bicep was not deployed."
after=$(grants)

known=$(mktemp)
trap 'rm -f "$known"' EXIT
printf '%s\n' "$before" > "$known"
new=$(printf '%s\n' "$after" | awk 'NR == FNR { seen[$0] = 1; next } $0 != "" && !($0 in seen)' "$known" -)
if [ -n "$new" ]; then
  count=$(printf '%s\n' "$new" | wc -l | tr -d ' ')
  echo "$me: $count new role assignment(s); waiting ${wait_seconds}s for them to take effect before the apps that use them are created (role assignments take up to 10 minutes)."
  sleep "$wait_seconds"
else
  echo "$me: no new role assignment; nothing to wait for."
fi
