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

for variable in JWT_SECRET_KEY POSTGRES_ADMIN_PASSWORD; do
  eval "value=\${$variable:-}"
  [ -n "$value" ] || add "$variable is not set; set it from your secret store, e.g. 'azd env set-secret $variable' (never commit it, never type it on a command line)."
done
if [ -n "$env_name" ] && [ -f "generated/$env_name/main.bicepparam" ] && grep -q "OPENAI_API_KEY" "generated/$env_name/main.bicepparam"; then
  [ -n "${OPENAI_API_KEY:-}" ] || add "OPENAI_API_KEY is not set but env/$env_name.json enables it; 'azd env set-secret OPENAI_API_KEY'."
fi
if [ -n "${JWT_SECRET_KEY:-}" ] && [ "$(printf %s "$JWT_SECRET_KEY" | wc -c)" -lt 32 ]; then
  add "JWT_SECRET_KEY is shorter than 32 characters; generate one with 'openssl rand -base64 48'."
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
