import { CreateNetworkDomain1764000200000 } from './1764000200000-CreateNetworkDomain';
import { MeasureJobsOnJobRunner1765000000002 } from './1765000000002-MeasureJobsOnJobRunner';

/** The network schema's own migrations in order (the service module and repository tests run them). */
export const NETWORK_MIGRATIONS = [CreateNetworkDomain1764000200000, MeasureJobsOnJobRunner1765000000002];
