#!/bin/sh
# azd postdeploy hook: run the database migration job after the new images are deployed, and wait for it.
# `az containerapp job start` returns at once, so the execution is polled until it ends or the time runs out.
# Then the last stage: the deployment waits for a green probe run inside the environment (verify-deployment.sh).
set -eu

group="${AZURE_RESOURCE_GROUP:?AZURE_RESOURCE_GROUP is not set; run this through azd or export it}"
job="${MIGRATION_JOB_NAME:?MIGRATION_JOB_NAME is not set; it is an output of the deployment (azd sets it after provision)}"
# Two attempts (the job retries once) of at most 1800 s each (the job's replicaTimeout), plus start-up: 3700 s.
timeout_seconds="${MIGRATION_TIMEOUT_SECONDS:-3700}"
interval="${MIGRATION_POLL_SECONDS:-10}"

# The job runs the migrate image of this commit's migrations (built by the predeploy hook), not the one it had.
"$(dirname "$0")/migrate-image.sh" point

execution=$(az containerapp job start --resource-group "$group" --name "$job" --query name --output tsv)
echo "postdeploy: started migration execution $execution of job $job"

started=$(date +%s)
while :; do
  status=$(az containerapp job execution show --resource-group "$group" --name "$job" --job-execution-name "$execution" --query properties.status --output tsv)
  case "$status" in
    Succeeded) echo "postdeploy: migrations applied ($execution)"; break ;;
    Failed|Stopped|Degraded)
      echo "postdeploy: migration execution $execution ended $status; read its logs with:" >&2
      echo "  az containerapp job logs show -g $group -n $job --execution $execution --container migrate" >&2
      exit 1 ;;
  esac
  # Wall time, not the sum of sleeps: each az call takes seconds of its own.
  if [ $(( $(date +%s) - started )) -ge "$timeout_seconds" ]; then
    echo "postdeploy: migration execution $execution still $status after ${timeout_seconds}s; giving up (the job keeps running)." >&2
    exit 1
  fi
  sleep "$interval"
done

# Only now is every new revision live against the migrated schema, so only a probe run from now on tells the truth.
exec "$(dirname "$0")/verify-deployment.sh"
