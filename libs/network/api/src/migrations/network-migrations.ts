import { CreateNetworkDomain1764000200000 } from './1764000200000-CreateNetworkDomain';
import { MeasureJobsOnJobRunner1765000000002 } from './1765000000002-MeasureJobsOnJobRunner';
import { AreaRefVersionOrder1766620000000 } from './1766620000000-AreaRefVersionOrder';

/** The network schema's own migrations in order (the service module and repository tests run them). */
export const NETWORK_MIGRATIONS = [
  CreateNetworkDomain1764000200000,
  MeasureJobsOnJobRunner1765000000002,
  AreaRefVersionOrder1766620000000,
];
