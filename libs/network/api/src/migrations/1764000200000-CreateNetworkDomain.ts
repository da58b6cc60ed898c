import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Networks, waves, actors, ties, wave membership, the per-wave measure cache and measure jobs.
 * `area_id` columns reference the `area_ref` read model by value only: registry events may
 * replace or delete a read-model row, and the network's own data must survive that.
 */
export class CreateNetworkDomain1764000200000 implements MigrationInterface {
  name = 'CreateNetworkDomain1764000200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE network (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        name text NOT NULL,
        description text,
        area_id uuid,
        programme_id text,
        directed boolean NOT NULL DEFAULT false,
        weighted boolean NOT NULL DEFAULT true,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (area_id IS NOT NULL OR programme_id IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX network_tenant_idx ON network (tenant_id, area_id)`);
    await db.query(`
      CREATE TABLE wave (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
        label text NOT NULL,
        observed_on date NOT NULL,
        revision bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (network_id, label)
      )`);
    await db.query(`
      CREATE TABLE actor (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
        external_id text,
        kind text NOT NULL CHECK (kind IN ('organisation', 'person')),
        name text NOT NULL,
        normalized_name text NOT NULL,
        sector text CHECK (sector IN ('public-administration', 'welfare', 'civil-society', 'business', 'residents')),
        field text,
        area_id uuid,
        address text,
        lon double precision CHECK (lon BETWEEN -180 AND 180),
        lat double precision CHECK (lat BETWEEN -90 AND 90),
        offerings jsonb NOT NULL DEFAULT '[]'::jsonb,
        contact jsonb NOT NULL DEFAULT '{}'::jsonb,
        pseudonymised boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((lon IS NULL) = (lat IS NULL)),
        UNIQUE (network_id, external_id)
      )`);
    await db.query(`CREATE INDEX actor_network_name_idx ON actor (network_id, normalized_name)`);
    await db.query(`CREATE INDEX actor_tenant_area_idx ON actor (tenant_id, area_id)`);
    await db.query(`
      CREATE TABLE wave_actor (
        wave_id uuid NOT NULL REFERENCES wave(id) ON DELETE CASCADE,
        actor_id uuid NOT NULL REFERENCES actor(id) ON DELETE CASCADE,
        PRIMARY KEY (wave_id, actor_id)
      )`);
    await db.query(`CREATE INDEX wave_actor_actor_idx ON wave_actor (actor_id)`);
    await db.query(`
      CREATE TABLE tie (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
        wave_id uuid NOT NULL REFERENCES wave(id) ON DELETE CASCADE,
        source_actor_id uuid NOT NULL REFERENCES actor(id) ON DELETE CASCADE,
        target_actor_id uuid NOT NULL REFERENCES actor(id) ON DELETE CASCADE,
        directed boolean NOT NULL,
        type text NOT NULL CHECK (type IN ('cooperation', 'information', 'referral', 'resources', 'funding')),
        weight double precision NOT NULL DEFAULT 1 CHECK (weight > 0 AND weight < 'Infinity'),
        source text NOT NULL CHECK (source IN ('survey', 'manual', 'import')),
        attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (source_actor_id <> target_actor_id),
        -- Undirected ties are stored with the smaller id first, so this also catches A–B vs B–A.
        CHECK (directed OR source_actor_id < target_actor_id),
        UNIQUE (wave_id, source_actor_id, target_actor_id, type, directed)
      )`);
    await db.query(`CREATE INDEX tie_target_idx ON tie (target_actor_id)`);
    await db.query(`CREATE INDEX tie_source_idx ON tie (source_actor_id)`);
    await db.query(`
      CREATE TABLE wave_metrics (
        wave_id uuid NOT NULL REFERENCES wave(id) ON DELETE CASCADE,
        options_key text NOT NULL,
        tenant_id text NOT NULL,
        revision bigint NOT NULL,
        metrics jsonb NOT NULL,
        duration_ms integer NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (wave_id, options_key)
      )`);
    await db.query(`
      CREATE TABLE metrics_job (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id text NOT NULL,
        network_id uuid NOT NULL REFERENCES network(id) ON DELETE CASCADE,
        wave_id uuid NOT NULL REFERENCES wave(id) ON DELETE CASCADE,
        options jsonb NOT NULL,
        options_key text NOT NULL,
        revision bigint NOT NULL,
        status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
        phase text NOT NULL DEFAULT 'queued',
        progress double precision NOT NULL DEFAULT 0,
        actors integer NOT NULL DEFAULT 0,
        ties integer NOT NULL DEFAULT 0,
        message text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        heartbeat_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX metrics_job_wave_idx ON metrics_job (wave_id, options_key, revision) WHERE status IN ('queued', 'running')`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['metrics_job', 'wave_metrics', 'tie', 'wave_actor', 'actor', 'wave', 'network'])
      await db.query(`DROP TABLE ${table}`);
  }
}
