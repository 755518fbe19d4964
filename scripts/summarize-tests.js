'use strict';
// Adds up vitest and Playwright JSON reports into one "N passed, N failed" line: the main suite's, then
// any number more (scripts/test-runtimes.sh writes one vitest report per Node it runs the CLI's tests on).
// Each file is told apart by its content; a file that is not there (its run did not get that far) adds nothing.
const fs = require('node:fs');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!fs.existsSync(file)) continue;
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (typeof r.numTotalTests === 'number') {
    // vitest
    passed += r.numPassedTests ?? 0;
    failed += r.numFailedTests ?? 0;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  } else if (r.stats) {
    // Playwright
    passed += (r.stats.expected ?? 0) + (r.stats.flaky ?? 0);
    failed += r.stats.unexpected ?? 0;
    skipped += r.stats.skipped ?? 0;
  } else {
    console.error(`summarize-tests: ${file} is neither a vitest nor a Playwright JSON report`);
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
