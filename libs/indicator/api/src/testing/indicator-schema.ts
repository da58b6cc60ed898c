import { migratedServiceSchema, type MigratedSchema } from '@quartier/service-kit';
import { INDICATOR_MIGRATIONS } from '../migrations/indicator-migrations';

export type IndicatorSchema = MigratedSchema;

/** The indicator schema migrated as the service migrates it, for repository tests. */
export function migratedIndicatorSchema(): Promise<IndicatorSchema> {
  return migratedServiceSchema('indicator', INDICATOR_MIGRATIONS);
}
