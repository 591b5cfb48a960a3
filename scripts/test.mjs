// `npm test`: installs what the tests need (Debian's Chromium and Dovecot), builds, then runs every test —
// type checks, widget size budget, unit and integration tests, browser journeys — and ends with
// one line "N passed, N failed".
import fs from 'node:fs';
import { findFiles, run, runNodeTests, summaryLine, writeSummary } from './lib/suites.mjs';
import { ensureChromium } from './lib/chromium.mjs';
import { ensureDovecot } from './lib/dovecot.mjs';

const results = [];
const check = async (name, cmd, args) => {
  console.log(`\n== ${name} ==`);
  const code = await run(cmd, args);
  results.push(code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
  if (code !== 0) console.log(`FAILED: ${name}`);
  return code === 0;
};

await ensureChromium();
await ensureDovecot();
const built = await check('build (widget, dashboard, server)', 'npm', ['run', 'build']);
await check('type check', 'npx', ['tsc', '-b']);
if (built) await check('widget size budget', process.execPath, ['--import', 'tsx', 'bench/size.mjs']);

const unitFiles = [...findFiles('packages', ['.test.ts']), ...findFiles('apps', ['.test.ts'])].filter((f) => !f.includes('/test-scale/') && !f.includes('/test-abuse/'));
results.push(await runNodeTests('unit-and-integration', unitFiles, { concurrency: 2 }));

if (built && fs.existsSync('/usr/bin/chromium')) {
  // The journeys run the server as `npm start` does: built (apps/server/dist/main.mjs).
  results.push(await runNodeTests('browser', findFiles('e2e', ['.spec.ts']), { concurrency: 1, timeoutMs: 240_000, env: { PALIQUE_TEST_SERVER: 'built' } }));
} else {
  console.log('Browser tests not run: build failed or no Chromium');
  results.push({ passed: 0, failed: 1 });
}

const summary = summaryLine(results);
writeSummary('test', summary);
console.log(`\n${summary.line}`);
process.exit(summary.failed === 0 ? 0 : 1);
