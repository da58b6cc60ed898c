import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteIdent } from './data-source';

/** The class TypeORM's `migrations` option takes. */
export type MigrationClass = new () => MigrationInterface;

/** The DDL of a migration that every service applies to its own schema (`s`, quoted). */
export interface SchemaMigrationSteps {
  up(db: QueryRunner, s: string): Promise<void>;
  down(db: QueryRunner, s: string): Promise<void>;
}

/**
 * The migration class for one service schema. Its name is `<title><Schema><timestamp>`: the
 * schema is part of it so that services sharing one database record their runs separately, and
 * it must never change once applied — TypeORM knows a migration by that name.
 */
export function schemaMigration(
  schema: string,
  title: string,
  timestamp: number,
  steps: SchemaMigrationSteps,
): MigrationClass {
  const s = quoteIdent(schema);
  const pascal = schema.replace(/(^|_)([a-z0-9])/g, (_m, _u, c: string) => c.toUpperCase());
  const name = `${title}${pascal}${timestamp}`;
  return class SchemaMigration implements MigrationInterface {
    name = name;
    up(db: QueryRunner): Promise<void> {
      return steps.up(db, s);
    }
    down(db: QueryRunner): Promise<void> {
      return steps.down(db, s);
    }
  };
}
