#!/bin/sh
# Keep the deployed images across a provision-only run.
#
# main.bicep sets every app's and the migration job's image from a parameter; main.bicepparam reads each one from
# DEPLOYED_<COMPONENT>_IMAGE (e.g. DEPLOYED_BACKEND_IMAGE) and falls back to the tag in env/<env>.json when it is
# empty or unset. This script reads what is deployed now and sets those variables, so `azd provision` (or a plain
# `az deployment group create`) leaves the images `azd deploy` and the postdeploy hook put there. Nothing deployed
# yet (first deployment): every variable is emptied and the env-file tags are used.
#
# Usage: deployed-images.sh <env>            inside azd: sets the values with `azd env set`
#        deployed-images.sh <env> --export   anywhere:   prints `export NAME='value'` lines for `eval`
# Needs AZURE_RESOURCE_GROUP. Exit: 0 done, 4 the deployed state could not be read.
set -eu
cd "$(dirname "$0")/../.."
. scripts/azd/lib/template.sh

env_name="${1:-${AZURE_ENV_NAME:-}}"
mode="${2:-azd}"
group="${AZURE_RESOURCE_GROUP:-}"
template="generated/$env_name/main.bicep"
me="preprovision: deployed images"

fail() { printf '%s: %s\n' "$me" "$1" >&2; exit 4; }
say() { if [ "$mode" = "--export" ]; then printf '# %s\n' "$1"; else printf '%s: %s\n' "$me" "$1"; fi; }
# keep VARIABLE VALUE. azd hands the environment's values to its hooks, so a value that is already right is left.
keep() {
  if [ "$mode" = "--export" ]; then
    printf "export %s='%s'\n" "$1" "$2"
  else
    eval "current=\${$1:-}"
    [ "$current" = "$2" ] || azd env set "$1" "$2" >/dev/null || fail "'azd env set $1' failed."
  fi
}

[ -f "$template" ] || fail "there is no $template."
workloads=$(template_workloads "$template") || fail "cannot read the container apps and jobs of $template; update scripts/azd/lib/template.sh."
if [ -z "$group" ]; then
  [ "$mode" = "--export" ] && fail "AZURE_RESOURCE_GROUP is not set."
  say "AZURE_RESOURCE_GROUP is not set (azd asks for it during provisioning): nothing can be deployed there yet, so the images in env/$env_name.json are used."
  printf '%s\n' "$workloads" | while read -r _ _ param; do keep "$(image_variable "$param")" ""; done
  exit 0
fi
command -v az >/dev/null 2>&1 || fail "the Azure CLI (az) is not on PATH."

exists=$(az group exists --name "$group") || fail "could not read whether resource group $group exists (az group exists failed; signed in, right subscription?)."
deployed=""
if [ "$exists" = "true" ]; then
  query="[].[name, properties.template.containers[0].image, properties.configuration.registries[0].server]"
  apps=$(az containerapp list --resource-group "$group" --query "$query" --output tsv) \
    || fail "could not list the container apps of $group (az containerapp list failed)."
  jobs=$(az containerapp job list --resource-group "$group" --query "$query" --output tsv) \
    || fail "could not list the container apps jobs of $group (az containerapp job list failed)."
  deployed=$(printf '%s\n%s\n' "$apps" "$jobs")
fi

printf '%s\n' "$workloads" | while read -r name _ param; do
  variable=$(image_variable "$param")
  row=$(printf '%s\n' "$deployed" | awk -F '\t' -v n="$name" '$1 == n { print; exit }')
  image=$(printf %s "$row" | cut -f2)
  server=$(printf %s "$row" | cut -f3)
  if [ -z "$row" ]; then
    say "$name is not deployed yet: $variable emptied, the image in env/$env_name.json is used."
    keep "$variable" ""
  elif [ -n "$server" ] && [ "$server" != "None" ] && [ "${image#"$server"/}" != "$image" ] && [ -n "${image#"$server"/}" ]; then
    say "$name keeps ${image#"$server"/}."
    keep "$variable" "${image#"$server"/}"
  else
    say "$name runs $image, which is not in its registry ($server): $variable emptied, the image in env/$env_name.json is used."
    keep "$variable" ""
  fi
done
