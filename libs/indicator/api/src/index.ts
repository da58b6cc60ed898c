export * from './indicator-api.module';
export { IndicatorDemoSeeder } from './demo/indicator-demo-seeder';
export { ValueImportsService } from './imports/value-imports.service';
export { IndexService } from './indices/index.service';
export { CatalogueService } from './catalogue/catalogue.service';
export * from './indicator.definition';
