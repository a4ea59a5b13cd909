#!/bin/sh
# The migration job's image follows the code in this repository.
#
#   migrate-image.sh tag     prints the image (repository:tag) for the current sources
#   migrate-image.sh build   (azd predeploy) builds and pushes it with ACR Tasks (`az acr build`: no local Docker
#                            engine needed), unless the registry already has that tag
#   migrate-image.sh point   (azd postdeploy, before the job starts) points the job's container at it
#
# The tag is a hash of src/Database/Dockerfile and exactly the files it copies into the build (its COPY lines), so
# it changes with the migrations and nothing else; build and point compute the same tag from the same files.
# Needs AZURE_CONTAINER_REGISTRY_NAME (build) and AZURE_RESOURCE_GROUP + MIGRATION_JOB_NAME (point): outputs of the
# deployment that azd keeps in the environment. Exit: 0 done, 5 failed (nothing is started after a failure).
set -eu
cd "$(dirname "$0")/../.."

dockerfile="src/Database/Dockerfile"
repository="${MIGRATE_IMAGE_REPOSITORY:-todo-migrate}"
container="migrate"
me="migrate image"

fail() { printf '%s: %s\n' "$me" "$1" >&2; exit 5; }

# The files of the build: the Dockerfile and every source of its COPY lines (not COPY --from): the files git
# tracks or does not ignore when this is a git checkout, everything but bin/ and obj/ otherwise.
context_files() {
  sources=$(awk 'toupper($1) == "COPY" && $2 !~ /^--from=/ { for (i = 2; i < NF; i++) print $i }' "$dockerfile")
  [ -n "$sources" ] || fail "no COPY sources in $dockerfile."
  for source in $sources; do
    [ -e "$source" ] || fail "$dockerfile copies $source, which does not exist."
  done
  # shellcheck disable=SC2086 # the sources are single words from the Dockerfile
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files --cached --others --exclude-standard -- $sources
  else
    find $sources -type f ! -path '*/bin/*' ! -path '*/obj/*'
  fi | { cat; echo "$dockerfile"; } | LC_ALL=C sort -u | while read -r file; do
    # git still lists a tracked file deleted from the work tree; the build would not see it either.
    if [ -f "$file" ]; then printf '%s\n' "$file"; fi
  done
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$@"
  elif command -v shasum >/dev/null 2>&1; then shasum -a 256 "$@"
  else fail "neither sha256sum nor shasum is installed."
  fi
}

image_tag() {
  files=$(context_files)
  # Each file's content hash with its path, then one hash of that list: renames and content changes both count.
  # shellcheck disable=SC2086 # paths in this repository have no spaces
  sum=$(sha256 $files | sha256 | cut -c1-16)
  printf '%s:src-%s\n' "$repository" "$sum"
}

command -v az >/dev/null 2>&1 || [ "${1:-}" = "tag" ] || fail "the Azure CLI (az) is not on PATH."

case "${1:-}" in
  tag)
    image_tag ;;
  build)
    registry="${AZURE_CONTAINER_REGISTRY_NAME:?AZURE_CONTAINER_REGISTRY_NAME is not set; it is an output of the deployment (azd sets it after provision)}"
    image=$(image_tag)
    if az acr repository show --name "$registry" --image "$image" --output none >/dev/null 2>&1; then
      echo "$me: $registry already has $image; not rebuilt."
      exit 0
    fi
    # A minimal build context: exactly the files the Dockerfile copies, so the upload is small and the image is
    # built from what the tag names.
    context=$(mktemp -d)
    trap 'rm -rf "$context"' EXIT
    context_files | while read -r file; do
      mkdir -p "$context/$(dirname "$file")"
      cp "$file" "$context/$file"
    done
    echo "$me: building $image in $registry (az acr build)"
    (cd "$context" && az acr build --registry "$registry" --image "$image" --file "$dockerfile" .) \
      || fail "az acr build of $image in $registry failed; its log is above. Nothing was deployed by this step."
    echo "$me: pushed $image" ;;
  point)
    group="${AZURE_RESOURCE_GROUP:?AZURE_RESOURCE_GROUP is not set; run this through azd or export it}"
    job="${MIGRATION_JOB_NAME:?MIGRATION_JOB_NAME is not set; it is an output of the deployment (azd sets it after provision)}"
    image=$(image_tag)
    server=$(az containerapp job show --resource-group "$group" --name "$job" --query "properties.configuration.registries[0].server" --output tsv) \
      || fail "could not read job $job in $group (az containerapp job show failed)."
    [ -n "$server" ] && [ "$server" != "None" ] || fail "job $job has no registry configured; deploy the environment first."
    az containerapp job update --resource-group "$group" --name "$job" --container-name "$container" --image "$server/$image" --output none \
      || fail "could not point job $job at $server/$image (az containerapp job update failed); the migration was not started."
    echo "$me: job $job now runs $server/$image" ;;
  *)
    fail "usage: migrate-image.sh tag|build|point" ;;
esac
