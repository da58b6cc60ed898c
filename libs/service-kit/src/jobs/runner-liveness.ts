import { Client } from 'pg';
import { RUNNER_LOCK_CLASS } from './job-store';

export interface LivenessLogger {
  warn(message: string): void;
}

/**
 * A runner is alive while its session holds an advisory lock on its key: when the process dies
 * (kill -9, OOM, a lost pod) PostgreSQL ends the session and the lock is gone at once, so the
 * next runner to look marks its jobs `interrupted` without waiting for a heartbeat to go stale.
 * One small connection per runner; it reconnects (same key) when the connection drops.
 */
export class RunnerLiveness {
  private client: Client | null = null;
  private key = 0;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly applicationName: string,
    private readonly logger: LivenessLogger,
  ) {}

  get runnerKey(): number {
    return this.key;
  }

  async acquire(): Promise<number> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const key = 1 + Math.floor(Math.random() * 0x7ffffffe);
      if (await this.lock(key)) return (this.key = key);
    }
    throw new Error('no free runner key after 10 attempts');
  }

  async release(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async lock(key: number): Promise<boolean> {
    const client = await this.connect();
    const { rows } = await client.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_lock($1::int, $2::int) AS locked`,
      [RUNNER_LOCK_CLASS, key],
    );
    return rows[0].locked;
  }

  private async connect(): Promise<Client> {
    if (this.client) return this.client;
    const client = new Client({ connectionString: this.databaseUrl, application_name: this.applicationName });
    client.on('error', (error) => {
      this.logger.warn(`runner liveness connection lost: ${error.message}`);
      if (this.client === client) this.client = null;
      void client.end().catch(() => undefined);
      if (!this.closed) setTimeout(() => void this.reacquire(), 1000).unref();
    });
    await client.connect();
    this.client = client;
    return client;
  }

  private async reacquire(): Promise<void> {
    if (this.closed || this.client) return;
    try {
      if (!(await this.lock(this.key))) this.logger.warn(`runner key ${this.key} was taken meanwhile`);
    } catch (error) {
      this.logger.warn(`runner liveness reconnect failed: ${(error as Error).message}`);
      if (!this.closed) setTimeout(() => void this.reacquire(), 2000).unref();
    }
  }
}
