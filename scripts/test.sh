#!/usr/bin/env bash
# `npm test`: sets up what the suite needs on this machine, builds, then runs every test against real
# registries (unit, integration, docker/skopeo interop, renderer, Playwright in Chromium), then the CLI's
# tests on the newer Node releases (scripts/test-runtimes.sh).
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
# The CLI's tests again on each newer Node the CLI supports (one line each; the log of a failing pass).
runtimes_status=0
bash scripts/test-runtimes.sh --reports test-results/runtimes || runtimes_status=$?
[ "$status" -eq 0 ] && status=$runtimes_status

# One plain closing line for the whole run: vitest's and Playwright's own summaries are above it.
node scripts/summarize-tests.js test-results/vitest.json test-results/playwright.json test-results/runtimes/node-v*.json || true
exit "$status"
