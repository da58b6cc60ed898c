import { CreateProgrammeService1765000000000 } from './1765000000000-CreateProgrammeService';
import { AreaRefVersionOrder1766620000000 } from './1766620000000-AreaRefVersionOrder';

/** The programme schema's own migrations in order (the service module and repository tests run them). */
export const PROGRAMME_MIGRATIONS = [CreateProgrammeService1765000000000, AreaRefVersionOrder1766620000000];
