// `npm run test:abuse`: what an attack on the running server tried, against started server
// processes on loopback only (apps/server/test-abuse): slow requests held past their timeouts,
// a sync flood, sockets over the caps, and many returning visitors behind one address. Short
// timeouts are set through each server's env, so the whole suite takes about a minute. Ends with
// one line "N passed, N failed".
import { findFiles, runNodeTests, summaryLine, writeSummary } from './lib/suites.mjs';

const started = Date.now();
const results = [await runNodeTests('abuse', findFiles('apps/server/test-abuse', ['.test.ts']), { concurrency: 1, timeoutMs: 60_000 })];

const summary = summaryLine(results);
writeSummary('abuse', summary);
console.log(`\n(test:abuse took ${Math.round((Date.now() - started) / 1000)} s)`);
console.log(`\n${summary.line}`);
process.exit(summary.failed === 0 ? 0 : 1);
