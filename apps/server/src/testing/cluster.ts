// Several server processes sharing one throw-away PostgreSQL database and one Redis (under a key
// prefix of their own), as a scaled-out deployment runs, with the owner set up through the first.
import crypto from 'node:crypto';
import { setupOwner, type OwnerDetails, type OwnerSession } from './accounts';
import { startServerProcess, type ServerProcess, type ServerProcessOptions } from './child-process';
import { createThrowawayDatabase } from './throwaway-database';

type ProcessOptions = Omit<ServerProcessOptions, 'name' | 'env'>;

export interface ClusterOptions {
  /** The database next to which the throw-away one is created (default: TEST_DATABASE_URL). */
  baseDatabaseUrl?: string;
  databaseNamePrefix?: string;
  /** Default: TEST_REDIS_URL, else the machine's Redis. */
  redisUrl?: string;
  /** One process per name (default A and B). */
  names?: string[];
  /** More environment of every process (added to the cluster's database and Redis). */
  env?: Record<string, string>;
  /** Other options of the processes: the same for all, or per name. */
  process?: ProcessOptions | ((name: string) => ProcessOptions);
  owner?: OwnerDetails;
}

export interface Cluster {
  processes: ServerProcess[];
  /** The first two processes. */
  a: ServerProcess;
  b: ServerProcess;
  owner: OwnerSession;
  close(): Promise<void>;
}

export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  const base = opts.baseDatabaseUrl ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = await createThrowawayDatabase(base, opts.databaseNamePrefix, { migrated: true });
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: opts.redisUrl ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: `palique-scale-${crypto.randomBytes(6).toString('hex')}:`,
    ...opts.env,
  };
  const processes: ServerProcess[] = [];
  const close = async () => {
    await Promise.all(processes.map((p) => p.close()));
    await database.drop();
  };
  try {
    // One after the other, so that the first alone runs the migrations of the new database.
    for (const name of opts.names ?? ['A', 'B']) {
      const options = typeof opts.process === 'function' ? opts.process(name) : opts.process;
      processes.push(await startServerProcess({ host: '127.0.0.1', ...options, name, env }));
    }
    const owner = await setupOwner(processes[0]!, opts.owner);
    return { processes, a: processes[0]!, b: processes[1]!, owner, close };
  } catch (err) {
    await close();
    throw err;
  }
}
