#!/bin/sh
# azd preprovision hook: deploy exactly the committed generated/<env>/ and refuse to start half-configured.
# Every problem is reported at once; nothing is provisioned when one is found.
set -eu
cd "$(dirname "$0")/../.."

problems=""
add() { problems="${problems}  - $1
"; }

env_name="${AZURE_ENV_NAME:-}"
if [ -z "$env_name" ]; then
  add "AZURE_ENV_NAME is not set; run 'azd env new <dev|staging|prod>' or 'azd env select <name>'."
elif [ ! -f "generated/$env_name/main.bicep" ]; then
  known=$(ls generated | tr '\n' ' ')
  add "there is no generated/$env_name/main.bicep; the environment name must be one of: $known(add env/$env_name.json and run the generator to create one)."
fi

# The secrets come from the generated parameter file, which the generator writes from its model of the system:
# every `param <name> = readEnvironmentVariable('<VARIABLE>')` is a secret the deployment needs (an optional one
# reads with a default and is not listed), and main.bicep's @minLength on the parameter is its minimum length.
if [ -n "$env_name" ] && [ -f "generated/$env_name/main.bicepparam" ]; then
  required=$(sed -n "s/^param \([A-Za-z0-9_]*\) = readEnvironmentVariable('\([A-Za-z0-9_]*\)')\$/\1 \2/p" "generated/$env_name/main.bicepparam")
  while read -r parameter variable; do
    [ -n "$variable" ] || continue
    eval "value=\${$variable:-}"
    if [ -z "$value" ]; then
      add "$variable is not set (generated/$env_name/main.bicepparam reads it); export it from your secret store in the shell that runs azd, or 'azd env set $variable' (plain text in .azure/$env_name/.env); new values: 'dotnet run --project src/Cli -- secrets -e $env_name --help'. Never commit it."
      continue
    fi
    # 'azd env set-secret' stores a Key Vault reference, which azd resolves for main.parameters.json only, not for
    # .bicepparam files (azd docs, "using environment secrets"): the deployment would store the reference's text as
    # the secret.
    case "$value" in
      akvs://*)
        add "$variable holds a Key Vault reference (akvs://…, from 'azd env set-secret'); azd does not resolve those for .bicepparam files, so the reference text itself would become the secret. Export the value from your secret store instead, or 'azd env set $variable'."
        continue ;;
    esac
    minimum=$(awk -v p="$parameter" '/^@minLength\(/ { gsub(/[^0-9]/, ""); m = $0; next } /^param / { if ($2 == p) { print m; exit } m = "" }' "generated/$env_name/main.bicep")
    if [ -n "$minimum" ] && [ "$(printf %s "$value" | wc -c)" -lt "$minimum" ]; then
      add "$variable is shorter than $minimum characters; generate one with 'openssl rand -base64 48'."
    fi
  done <<EOF
$required
EOF
fi

if [ -n "$problems" ]; then
  printf 'preprovision: nothing was deployed:\n%s' "$problems" >&2
  exit 2
fi

./scripts/azd/keyvault-check.sh "$env_name"
./scripts/azd/bootstrap.sh "$env_name"
./scripts/azd/deployed-images.sh "$env_name"

rm -rf .azd-infra
mkdir -p .azd-infra
cp "generated/$env_name/main.bicep" "generated/$env_name/main.bicepparam" .azd-infra/
echo "preprovision: deploying generated/$env_name/"
