import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A fresh, uniquely named database for one integration test file, created from the admin URL
 * the Jest global setup provides (real PostgreSQL: DATABASE_URL or an embedded server).
 */
export async function createTestDatabase(prefix = 'qt'): Promise<TestDatabase> {
  const adminUrl = process.env['QUARTIER_TEST_ADMIN_DATABASE_URL'] ?? process.env['DATABASE_URL'];
  if (!adminUrl)
    throw new Error(
      'no DATABASE_URL / QUARTIER_TEST_ADMIN_DATABASE_URL: run through the Jest integration project',
    );
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
