// What loading the app costs: the libraries of a feature that is off (email, images, push,
// Redis, PostgreSQL, metrics) are imported when it is first used, not at start-up. Every test
// file is its own process, so each library loaded up front was paid ~150 times per CI run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const serverDir = path.resolve(import.meta.dirname, '..');

/** Libraries only a feature uses, each loaded by that feature when it starts or is first used. */
const FEATURE_LIBRARIES = ['nodemailer', 'smtp-server', 'imapflow', 'mailparser', 'html-to-text', 'sharp', 'web-push', 'ioredis', 'pg', 'prom-client'];

test('Start-up: loading the app and the test harness loads no library of a feature that is off', () => {
  // CommonJS packages (all of these but html-to-text) land in require's cache, even when imported.
  const script = `
    await import('./src/app.ts');
    await import('@palique/server/testing');
    const { default: Module } = await import('node:module');
    const loaded = new Set(Object.keys(Module._cache).map((file) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(file)?.[1]));
    console.log(JSON.stringify([...loaded].filter(Boolean)));
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: serverDir, encoding: 'utf8' });
  const loaded: string[] = JSON.parse(out.trim().split('\n').at(-1)!);
  assert.ok(loaded.includes('fastify'), 'the check sees what is loaded');
  assert.deepEqual(FEATURE_LIBRARIES.filter((name) => loaded.includes(name)), []);
});

test("Start-up: Kysely's values come from db/kysely.ts (its CommonJS build), never from 'kysely' itself", () => {
  // Its ESM build is ~260 more modules to load; importing both would also load two copies.
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.ts') && /^import (?!type )[^;]*from 'kysely';/m.test(fs.readFileSync(file, 'utf8'))) offenders.push(path.relative(serverDir, file));
    }
  };
  for (const dir of ['src', 'test-scale', 'test-abuse']) walk(path.join(serverDir, dir));
  assert.deepEqual(offenders, []);
});
