import { type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createSchemaDataSource, migrateSchema, type SchemaDataSourceOptions } from '@quartier/persistence';
import { RUNTIME_CONFIG, type RuntimeConfig } from './runtime';

export interface ServiceDatabaseOptions {
  /** Connection name = the service name; lets six services share one Nest app in embedded mode. */
  name: string;
  schema: string;
  entities: SchemaDataSourceOptions['entities'];
  migrations: SchemaDataSourceOptions['migrations'];
  poolSize?: number;
}

/**
 * The service's own TypeORM connection to its own schema. Migrations run before the module
 * finishes initialising, so no request ever sees an outdated schema.
 */
export function serviceDatabase(options: ServiceDatabaseOptions): DynamicModule {
  return TypeOrmModule.forRootAsync({
    name: options.name,
    inject: [RUNTIME_CONFIG],
    // The name must also be in the factory's result: TypeOrmCoreModule looks the DataSource up
    // by it when the application shuts down.
    useFactory: (runtime: RuntimeConfig) => ({
      name: options.name,
      type: 'postgres' as const,
      url: runtime.databaseUrl,
      schema: options.schema,
    }),
    dataSourceFactory: async (typeormOptions) => {
      const url = (typeormOptions as { url: string }).url;
      const dataSource = createSchemaDataSource({
        url,
        schema: options.schema,
        entities: options.entities,
        migrations: options.migrations,
        poolSize: options.poolSize,
      });
      await dataSource.initialize();
      await migrateSchema(dataSource);
      return dataSource;
    },
  });
}
