// R1 + R4: a server process killed with -9 in the middle of traffic. Acknowledged messages
// survive, none is stored twice, sequence numbers stay gap-free, clients resume on the survivor,
// and the agents of the dead process stop counting as present.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '@palique/protocol';
import {
  clientId,
  connectAgent,
  connectVisitor,
  conversationOf,
  messagesOf,
  startCluster,
  type Cluster,
  type ServerProcess,
  type VisitorSocket,
} from '@palique/server/testing';

const VISITORS = 8;
const MESSAGES_PER_VISITOR = 30;
/** Messages a visitor has on the wire at once, like an outbox flushing after a reconnect. */
const IN_FLIGHT = 4;
const KILL_AFTER_ACKS_ON_A = 25;

interface Outgoing {
  clientId: string;
  text: string;
  ackedSeq?: number;
  /** For the agent's replies: the thread written into. */
  conversationId?: string;
}

/** One visitor's side: its socket, what it sent and what it has seen of its thread. */
class VisitorClient {
  readonly outbox: Outgoing[];
  readonly seen = new Map<number, Message>();
  conversationId = '';

  constructor(
    readonly name: string,
    public server: ServerProcess,
    public conn: VisitorSocket,
  ) {
    this.outbox = Array.from({ length: MESSAGES_PER_VISITOR }, (_, k) => ({ clientId: clientId(), text: `${name} #${k + 1}` }));
    this.listen();
  }

  listen(): void {
    this.conn.socket.on('message:new', (m) => this.seen.set(m.seq, m));
  }

  async send(out: Outgoing): Promise<boolean> {
    const ack = await this.conn.emit('message:send', { clientId: out.clientId, text: out.text }).catch(() => undefined);
    if (!ack?.ok) return false;
    out.ackedSeq = ack.message.seq;
    this.seen.set(ack.message.seq, ack.message);
    return true;
  }

  /** Sends the outbox with IN_FLIGHT messages on the wire; stops when the connection is gone. */
  async flush(onAck: () => void): Promise<void> {
    const queue = this.outbox.filter((o) => o.ackedSeq === undefined);
    const lane = async () => {
      for (let out = queue.shift(); out && this.conn.socket.connected; out = queue.shift()) {
        if (await this.send(out)) onAck();
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  }

  /** Highest seq up to which this client has seen every message: where it resumes from. */
  lastContiguousSeq(): number {
    let n = 0;
    while (this.seen.has(n + 1)) n++;
    return n;
  }
}

/** What the survivor has stored for a conversation, read as the dashboard reads it. */
async function storedMessages(cluster: Cluster, conversationId: string) {
  const [rows, conversation] = await Promise.all([
    messagesOf(cluster.b, cluster.owner.cookie, conversationId),
    conversationOf(cluster.b, cluster.owner.cookie, conversationId),
  ]);
  return { rows, lastSeq: conversation.lastSeq };
}

test('R1 + R4: kill -9 of a process during a burst loses no acknowledged message, stores none twice, and clients resume on the survivor', async () => {
  const cluster = await startCluster({ env: { WIDGET_RATE_LIMIT: '100000' } });
  try {
    const { a, b, owner } = cluster;
    const agent = await connectAgent(b, owner.cookie);
    const visitors: VisitorClient[] = [];
    for (let i = 0; i < VISITORS; i++) {
      const server = i % 2 === 0 ? a : b;
      visitors.push(new VisitorClient(`v${i}@${server.name}`, server, await connectVisitor(server, owner.widgetId)));
    }
    // Each visitor opens its conversation, so that the agent can write into it during the burst.
    for (const v of visitors) {
      const opening: Outgoing = { clientId: clientId(), text: `${v.name} hello` };
      assert.ok(await v.send(opening), `${v.name} could not open its conversation`);
      v.conversationId = v.seen.get(1)!.conversationId;
      v.outbox.unshift(opening);
    }
    const onA = visitors.filter((v) => v.server === a);

    // The burst: every visitor flushes its outbox while the agent on B writes into every thread,
    // so each conversation has writers on both processes. A is killed part-way through.
    let acksOnA = 0;
    let killed: Promise<void> | undefined;
    const agentReplies: Outgoing[] = [];
    const agentSend = async (conversationId: string, text: string) => {
      const out: Outgoing = { clientId: clientId(), text, conversationId };
      agentReplies.push(out);
      const ack = await agent.emit('message:send', { conversationId, clientId: out.clientId, text });
      assert.ok(ack.ok, JSON.stringify(ack));
      out.ackedSeq = ack.message.seq;
    };
    const agentBurst = Promise.all(
      visitors.map(async (v) => {
        for (let k = 1; k <= 10; k++) await agentSend(v.conversationId, `reply ${k} to ${v.name}`);
      }),
    );
    await Promise.all(
      visitors.map((v) =>
        v.flush(() => {
          if (v.server === a && ++acksOnA === KILL_AFTER_ACKS_ON_A) killed = a.kill9();
        }),
      ),
    );
    await agentBurst;
    assert.ok(killed, `A was never killed: only ${acksOnA} acks from it`);
    await killed;
    const unacked = onA.flatMap((v) => v.outbox.filter((o) => o.ackedSeq === undefined));
    assert.ok(unacked.length > 0, 'the kill came too late: every message on A was acknowledged');
    // Written while their visitors were away: they must come back through sync.
    for (const v of onA) await agentSend(v.conversationId, `still there, ${v.name}?`);

    // The visitors of A reconnect to B with their token and resume after the last seq they saw.
    for (const v of onA) {
      v.conn = await connectVisitor(b, owner.widgetId, v.conn.token);
      v.server = b;
      v.listen();
      const after = v.lastContiguousSeq();
      const sync = await v.conn.emit('sync', { after });
      assert.ok(sync.ok, JSON.stringify(sync));
      const { lastSeq } = await storedMessages(cluster, v.conversationId);
      const expected = Array.from({ length: lastSeq - after }, (_, k) => after + 1 + k);
      assert.deepEqual(sync.messages.map((m: Message) => m.seq), expected, `${v.name} resumes after ${after} in order, without gaps`);
      for (const m of sync.messages as Message[]) {
        const known = v.seen.get(m.seq);
        if (known) assert.equal(known.id, m.id, `${v.name}: seq ${m.seq} is the same message live and on resume`);
        v.seen.set(m.seq, m);
      }
      assert.ok(sync.messages.some((m: Message) => m.text === `still there, ${v.name}?`), `${v.name} receives what the agent wrote while it was away`);
    }

    // Their outboxes send again what was never acknowledged, with the same client ids.
    for (const v of onA) await v.flush(() => {});

    for (const v of visitors) {
      for (const o of v.outbox) assert.notEqual(o.ackedSeq, undefined, `${v.name}: "${o.text}" acknowledged in the end`);
    }

    // In the database: every message exactly once, at the seq it was acknowledged with, 1..N.
    for (const v of visitors) {
      const { rows, lastSeq } = await storedMessages(cluster, v.conversationId);
      assert.deepEqual(rows.map((r) => Number(r.seq)), Array.from({ length: rows.length }, (_, k) => k + 1), `${v.name}: seq 1..N without gaps`);
      assert.equal(lastSeq, rows.length, `${v.name}: the conversation's last seq is its message count`);
      const byClientId = new Map(rows.map((r) => [r.clientId, r]));
      assert.equal(byClientId.size, rows.length, `${v.name}: no client id stored twice`);
      const sent = [...v.outbox, ...agentReplies.filter((r) => r.conversationId === v.conversationId)];
      assert.equal(rows.length, sent.length, `${v.name}: stored messages = messages sent`);
      for (const o of sent) {
        assert.equal(Number(byClientId.get(o.clientId)?.seq), o.ackedSeq, `${v.name}: "${o.text}" stored once at its acknowledged seq`);
      }
    }
    agent.close();
    for (const v of visitors) v.conn.close();
  } finally {
    await cluster.close();
  }
});

test('W2 + R4: when the process of the only online agent dies, visitors on the other process see messenger mode within 30 s', async () => {
  const cluster = await startCluster();
  try {
    const visitor = await connectVisitor(cluster.a, cluster.owner.widgetId);
    const goesLive = visitor.next('mode', 5000, (e) => e.mode === 'live', "mode 'live'");
    await connectAgent(cluster.b, cluster.owner.cookie);
    await goesLive;

    const goesMessenger = visitor.next('mode', 30_000, (e) => e.mode === 'messenger', "mode 'messenger' after B died");
    const killedAt = Date.now();
    await cluster.b.kill9();
    await goesMessenger;
    const elapsed = Date.now() - killedAt;
    assert.ok(elapsed < 30_000, `took ${elapsed} ms`);
    // A visitor arriving now is told the same.
    const later = await connectVisitor(cluster.a, cluster.owner.widgetId);
    const sync = await later.emit('sync', { after: 0 });
    assert.equal(sync.ok && sync.mode, 'messenger');
    visitor.close();
    later.close();
  } finally {
    await cluster.close();
  }
});
