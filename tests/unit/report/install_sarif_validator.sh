#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Installs the optional SARIF schema validator (ajv for JSON Schema draft-04, ajv-formats, and the
# SARIF 2.1.0 schema shipped by @microsoft/jest-sarif) from the npm registry into DIR, by default
# build/<preset>/sarif-validator. The build never downloads anything; without this step the
# test_report_sarif_schema test reports SKIPPED. Usage: install_sarif_validator.sh [DIR]
set -eu
dir=${1:-build/dev/sarif-validator}
mkdir -p "$dir"
cd "$dir"
[ -f package.json ] || echo '{"name":"iamguard-sarif-validator","private":true}' > package.json
npm install --no-audit --no-fund --loglevel=error ajv@8 ajv-draft-04@1 ajv-formats@3 @microsoft/jest-sarif@1.0.0-beta.0
echo "installed in $(pwd)"
