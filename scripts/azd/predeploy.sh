#!/bin/sh
# azd predeploy hook: build and push the migration job's image of this commit before any app is deployed, so a
# build failure stops the deployment while the apps still run the code that matches the database schema.
set -eu
"$(dirname "$0")/migrate-image.sh" build
