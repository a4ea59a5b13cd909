#!/usr/bin/env bash
# Builds the EF Core migration bundle from the pinned local tool (.config/dotnet-tools.json).
# Usage: scripts/build-bundle.sh [OUTPUT] [extra 'dotnet ef migrations bundle' options]
#   scripts/build-bundle.sh artifacts/migrate/efbundle                       framework-dependent, for this machine
#   scripts/build-bundle.sh /out/efbundle -r linux-x64 --self-contained       what the job image carries
set -euo pipefail
cd "$(dirname "$0")/.."
output=${1:-artifacts/migrate/efbundle}
shift || true
mkdir -p "$(dirname "$output")"
dotnet tool restore >&2
# dotnet-ef reads the project's assets file before it builds: restore first, or a fresh clone stops with NETSDK1004.
dotnet restore src/Database/Provisioning.Database.csproj >&2
dotnet ef migrations bundle --project src/Database --configuration Release --output "$output" --force "$@" >&2
echo "$output"
