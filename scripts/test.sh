#!/usr/bin/env bash
# `npm test`: sets up what the suite needs on this machine, builds, then runs every test against real
# registries (unit, integration, docker/skopeo interop, renderer, Playwright in Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-deps.sh
npm run --silent typecheck
npm run --silent lint
npm run --silent build

mkdir -p test-results
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=$?
e2e_status=0
PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json npx playwright test --reporter=list,json || e2e_status=$?
[ "$status" -eq 0 ] && status=$e2e_status

# One plain closing line for the whole run: vitest's and Playwright's own summaries are above it.
node scripts/summarize-tests.js test-results/vitest.json test-results/playwright.json || true
exit "$status"
