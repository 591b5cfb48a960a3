// Runs node:test suites in a child process and reads their pass/fail counts, so that every
// test command can end with one line "N passed, N failed".
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');

/** Runs a command, streaming its output; resolves with its exit code. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', ...opts, env: { ...process.env, ...opts.env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Files below `dir` whose names end with one of `suffixes`, skipping node_modules and dist. */
export function findFiles(dir, suffixes) {
  const out = [];
  const walk = (d) => {
    if (!fs.existsSync(d)) return;
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (suffixes.some((s) => entry.name.endsWith(s))) out.push(path.relative(root, p));
    }
  };
  walk(path.join(root, dir));
  return out.sort();
}

/**
 * Runs node:test on `files` (TypeScript through tsx) and returns { passed, failed }.
 * The spec reporter goes to the terminal; a TAP copy is read back for the counts.
 */
export async function runNodeTests(name, files, { env = {}, concurrency = 2, timeoutMs = 120_000 } = {}) {
  if (files.length === 0) return { passed: 0, failed: 0 };
  const tapFile = path.join(root, '.tmp', `${name}.tap`);
  fs.mkdirSync(path.dirname(tapFile), { recursive: true });
  fs.rmSync(tapFile, { force: true });
  console.log(`\n== ${name}: ${files.length} file(s) ==`);
  const code = await run(
    process.execPath,
    [
      '--import', 'tsx',
      '--test',
      `--test-concurrency=${concurrency}`,
      `--test-timeout=${timeoutMs}`,
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      '--test-reporter=tap', `--test-reporter-destination=${tapFile}`,
      ...files,
    ],
    { env },
  );
  const tap = fs.existsSync(tapFile) ? fs.readFileSync(tapFile, 'utf8') : '';
  const count = (label) => Number(tap.match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  let failed = count('fail') + count('cancelled');
  // A crash before any report still counts as a failure.
  if (code !== 0 && failed === 0) failed = 1;
  return { passed, failed };
}

export function summaryLine(results) {
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  return { passed, failed, line: `${passed} passed, ${failed} failed` };
}

export function writeSummary(name, summary) {
  const file = path.join(root, '.tmp', `summary-${name}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ passed: summary.passed, failed: summary.failed }));
}
