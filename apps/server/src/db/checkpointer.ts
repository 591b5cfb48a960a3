// SQLite's checkpoints, off the event loop. In WAL mode every commit appends pages to the -wal
// file; a checkpoint copies them back into the database file and fsyncs it. SQLite runs one by
// itself inside the commit that takes the WAL past 1,000 pages: on the one thread that serves
// every socket, a pause of tens of milliseconds (the paced benchmark's worst latencies). Here a
// worker thread with its own connection checkpoints once a second in PASSIVE mode, which never
// waits for and never blocks the server's writes; the server's own automatic checkpoint stays, at
// a much larger WAL, only as a backstop should the worker fall behind or stop.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Pages the WAL may hold before the server's own connection checkpoints after all (~40 MB). */
export const BACKSTOP_CHECKPOINT_PAGES = 10_000;

// CommonJS, run by the worker (eval: the server is bundled into one file, so no worker file).
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
function checkpoint() {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort.postMessage({ error: String(err && err.message || err) });
  }
}
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  intervalMs?: number;
  /** Told of a checkpoint that failed. */
  onError?: (message: string) => void;
}

/** Starts checkpointing `file` (a WAL-mode SQLite database) on a worker thread. */
export function startCheckpointer(file: string, opts: CheckpointerOptions = {}): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, file, intervalMs: opts.intervalMs ?? 1_000 } });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('message', (m: { error?: string }) => {
    if (m.error !== undefined) opts.onError?.(m.error);
  });
  worker.on('error', (err) => opts.onError?.(err.message));
  return {
    async stop() {
      // Its connection closes before the server's: the last one to close leaves no WAL behind.
      worker.ref();
      worker.postMessage('stop');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 2_000)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}
