import { CreateIndicatorService1764100000000 } from './1764100000000-CreateIndicatorService';
import { ValueBulkLoad1764100000001 } from './1764100000001-ValueBulkLoad';
import { ValueKeyWithoutTenant1764100000002 } from './1764100000002-ValueKeyWithoutTenant';
import { ValueImportsOnJobRunner1765000000000 } from './1765000000000-ValueImportsOnJobRunner';
import { ImportMappings1765100000000 } from './1765100000000-ImportMappings';
import { IndexResultColumns1766300000000 } from './1766300000000-IndexResultColumns';
import { IndexInputsAsJson1766400000000 } from './1766400000000-IndexInputsAsJson';
import { IndexResultsUncompressed1766500000000 } from './1766500000000-IndexResultsUncompressed';
import { AreaRefVersionOrder1766610000000 } from './1766610000000-AreaRefVersionOrder';

/** The indicator schema's own migrations in order (the service module and repository tests run them). */
export const INDICATOR_MIGRATIONS = [
  CreateIndicatorService1764100000000,
  ValueBulkLoad1764100000001,
  ValueKeyWithoutTenant1764100000002,
  ValueImportsOnJobRunner1765000000000,
  ImportMappings1765100000000,
  IndexResultColumns1766300000000,
  IndexInputsAsJson1766400000000,
  IndexResultsUncompressed1766500000000,
  AreaRefVersionOrder1766610000000,
];
