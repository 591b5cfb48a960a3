// The load generator: a child process of bench/run.mjs, driven over IPC. It speaks Palique's
// protocol through the same client code the apps run (@palique/client's VisitorChatClient and
// AgentClient), or plain WebSockets against the raw relay (bench/relay.mjs), with
// the same pacing and the same measurement for both. This file holds the process: the visitors
// and agents it has open and the commands it answers; the clients are in generator-clients.ts,
// the load and its measurement in generator-load.ts. Every wait here is bounded in time.
import { performance } from 'node:perf_hooks';
import { openAgentOf, openVisitorOf, type BenchAgent, type BenchVisitor, type Kind } from './generator-clients';
import { browse, runLoad, type LoadArgs } from './generator-load';

const visitors: BenchVisitor[] = [];
const agents: BenchAgent[] = [];

interface OpenVisitors {
  kind: Kind;
  urls: string[];
  widgetId: string;
  count: number;
  concurrency: number;
  /** Palique: reopen visitors closed before (their kept tokens), as on their next page view. */
  returning?: boolean;
}

/** How many visitors this generator has sent to a server so far: the round-robin over `urls`. */
let spread = 0;

/** Opens `count` visitors, round-robin over `urls`, `concurrency` at a time. */
async function openVisitors(a: OpenVisitors) {
  const started = performance.now();
  let next = 0;
  let failed = 0;
  let firstError: string | undefined;
  const worker = async () => {
    while (next < a.count) {
      // Round-robin by the visitors this generator ever started (visitors.length + next moved in
      // steps of two, so with two processes every visitor went to the same one).
      const url = a.urls[spread++ % a.urls.length];
      next++;
      try {
        visitors.push(await openVisitorOf(a.kind, url, a.widgetId, a.returning));
      } catch (err) {
        failed++;
        firstError ??= String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(a.concurrency, a.count) }, worker));
  return { opened: a.count - failed, failed, firstError, ms: performance.now() - started, total: visitors.length };
}

async function openAgents(a: { kind: Kind; url: string; cookie: string; count: number }) {
  for (let i = 0; i < a.count; i++) agents.push(await openAgentOf(a.kind, a.url, a.cookie));
  return { agents: agents.length };
}

function closeAll() {
  for (const v of visitors.splice(0)) v.stop();
  for (const a of agents.splice(0)) a.stop();
  return { closed: true };
}

/** How many of this generator's visitors are connected now. */
function connectedCount() {
  return { connected: visitors.filter((v) => v.connected?.()).length, total: visitors.length };
}

const commands: Record<string, (args: any) => unknown> = {
  openVisitors,
  openAgents,
  runLoad: (a: LoadArgs) => runLoad(a, visitors, agents),
  closeAll,
  connectedCount,
  browse: (a: { perSecond: number; seconds: number }) => browse(a, visitors),
};

process.on('message', async (msg: { id: number; cmd: string; args: unknown }) => {
  try {
    const result = await commands[msg.cmd](msg.args);
    process.send!({ id: msg.id, result });
  } catch (err) {
    process.send!({ id: msg.id, error: String((err as Error)?.stack ?? err) });
  }
});
process.on('disconnect', () => process.exit(0));
// A clean exit on the bench's SIGTERM: with --cpu-prof, the profile is written on exit.
process.on('SIGTERM', () => process.exit(0));
process.send!({ ready: true });
