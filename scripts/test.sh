#!/usr/bin/env bash
# Runs every test of the repository on a fresh machine: installs what is missing (Debian packages, NuGet packages,
# the local dotnet tools), starts a throwaway PostgreSQL on a free loopback port, builds with warnings as errors,
# runs `dotnet test` for the whole solution, stops what it started, and ends with one line:
#   tests: N passed, N failed, N skipped
set -uo pipefail
cd "$(dirname "$0")/.."

log() { echo "test.sh: $*" >&2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 BICEP_TELEMETRY_ENABLED=false

# Debian packages the tests use: PostgreSQL (server for the database tests) and runuser (util-linux, to run it
# as its own user); for the end-to-end tests the contract reference backend's FastAPI, SQLModel, PyJWT, psycopg2 and
# uvicorn (tests/Fixtures/backend runs on /usr/bin/python3), and Node with npm for the mcp and frontend fixtures
# (only when missing: a NodeSource nodejs already brings npm). apt-get update runs once, and only when something is missing.
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
command -v /usr/bin/python3 >/dev/null 2>&1 || missing+=(python3)
for package in python3-fastapi python3-sqlmodel python3-jwt python3-psycopg2 uvicorn; do
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

# The mcp and frontend fixtures' npm packages, exactly as locked (node_modules is not committed).
for fixture in tests/Fixtures/mcp tests/Fixtures/frontend; do
  log "npm ci in $fixture"
  (cd "$fixture" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || { log "npm ci failed in $fixture"; exit 1; }
done

# mermaid-cli for the diagram test, without the browser puppeteer would download (it uses /usr/bin/chromium).
if [[ ! -x tests/Tooling/mermaid/node_modules/.bin/mmdc ]]; then
  log "npm ci in tests/Tooling/mermaid"
  (cd tests/Tooling/mermaid && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
    || { log "npm ci failed in tests/Tooling/mermaid"; exit 1; }
fi

log "restoring NuGet packages and local tools"
dotnet tool restore >/dev/null || { log "dotnet tool restore failed"; exit 1; }
dotnet restore Provisioning.sln --verbosity quiet || { log "dotnet restore failed"; exit 1; }

log "starting PostgreSQL"
pg_exports=$(scripts/start-test-postgres.sh) || { log "PostgreSQL did not start"; exit 1; }
eval "$pg_exports"
trap 'scripts/stop-test-postgres.sh >/dev/null 2>&1 || true' EXIT

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
