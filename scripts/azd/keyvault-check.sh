#!/bin/sh
# Stop before provisioning when this environment's Key Vault name is held by a soft-deleted vault.
#
# A deleted vault stays soft-deleted for its retention period and keeps its (globally unique) name reserved, so
# re-creating the environment in the same resource group would fail half-way, after other resources were created.
# The vault's name is '<prefix>${uniqueString(resourceGroup().id, ...)}' in generated/<env>/main.bicep: the same
# group always gets the same name, so a soft-deleted vault that had this prefix in this group is the one in the way.
#
# Usage: keyvault-check.sh <env>   (AZURE_RESOURCE_GROUP, optional AZURE_SUBSCRIPTION_ID; azd sets both)
# Exit: 0 nothing in the way (or nothing to check yet), 3 a soft-deleted vault is in the way or the check failed.
set -eu
cd "$(dirname "$0")/../.."
. scripts/azd/lib/template.sh

env_name="${1:-${AZURE_ENV_NAME:-}}"
group="${AZURE_RESOURCE_GROUP:-}"
template="generated/$env_name/main.bicep"
me="preprovision: Key Vault check"

fail() { printf '%s: %s\n' "$me" "$1" >&2; exit 3; }

if [ "${SKIP_DELETED_KEYVAULT_CHECK:-}" = "true" ]; then
  echo "$me: skipped (SKIP_DELETED_KEYVAULT_CHECK=true)."
  exit 0
fi
[ -f "$template" ] || fail "there is no $template."
if [ -z "$group" ]; then
  echo "$me: AZURE_RESOURCE_GROUP is not set, so the vault's name is not known yet; set it before the first 'azd up' ('azd env set AZURE_RESOURCE_GROUP rg-todo-$env_name') to have soft-deleted vaults checked."
  exit 0
fi
vault=$(template_vault_name "$template") || fail "cannot work out the Key Vault's name from $template (expected a literal or '<prefix>\${uniqueString(resourceGroup().id, ...)}'); update scripts/azd/lib/template.sh."
name_or_prefix=${vault% *}
command -v az >/dev/null 2>&1 || fail "the Azure CLI (az) is not on PATH."

errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
if ! deleted=$(az keyvault list-deleted --resource-type vault \
    --query "[?starts_with(name, '$name_or_prefix')].[name, properties.vaultId, properties.location, properties.purgeProtectionEnabled, properties.scheduledPurgeDate]" \
    --output tsv 2>"$errors"); then
  cat "$errors" >&2
  fail "could not list soft-deleted Key Vaults (az keyvault list-deleted needs Microsoft.KeyVault/locations/deletedVaults/read on the subscription, e.g. Key Vault Contributor or Contributor). Fix the sign-in or the role, or skip this check with 'azd env set SKIP_DELETED_KEYVAULT_CHECK true' at your own risk."
fi

# The vault in the way: the literal name, or the prefix plus uniqueString's 13 characters in this very group.
match=$(printf '%s\n' "$deleted" | awk -F '\t' -v n="$name_or_prefix" -v mode="${vault#* }" \
    -v rg="$(printf %s "$group" | tr '[:upper:]' '[:lower:]')" \
    -v subs="$(printf %s "${AZURE_SUBSCRIPTION_ID:-}" | tr '[:upper:]' '[:lower:]')" '
  NF >= 2 {
    id = tolower($2)
    if (mode == "literal") { if ($1 == n) { print; exit } ; next }
    if (index($1, n) != 1 || length($1) != length(n) + 13) next
    if (index(id, "/resourcegroups/" rg "/providers/microsoft.keyvault/vaults/") == 0) next
    if (subs != "" && index(id, "/subscriptions/" subs "/") != 1) next
    print; exit
  }')

if [ -z "$match" ]; then
  echo "$me: no soft-deleted vault holds this environment's vault name."
  exit 0
fi

name=$(printf %s "$match" | cut -f1)
location=$(printf %s "$match" | cut -f3)
protected=$(printf %s "$match" | cut -f4)
purge_date=$(printf %s "$match" | cut -f5)
{
  echo "preprovision: nothing was deployed: Key Vault $name of this environment is soft-deleted (until $purge_date) and its name stays reserved, so the deployment would fail half-way. Choose one, then run 'azd up' again:"
  echo "  - recover it, with its secrets (the deployment then sets every secret again); its resource group $group must exist:"
  echo "      az group create --name $group --location $location   # only if the group is gone"
  echo "      az keyvault recover --name $name"
  case "$protected" in
    [Tt]rue)
      echo "  - purge protection is on, so it cannot be purged: recover it, or wait until $purge_date, when Azure purges it, or deploy into another resource group (which gets another vault name)." ;;
    *)
      echo "  - or purge it (its secrets are gone for good):"
      echo "      az keyvault purge --name $name --location $location" ;;
  esac
} >&2
exit 3
