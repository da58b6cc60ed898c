import type { Role } from '@quartier/contracts';

/**
 * Demo identities, identical in the dev provider and in the Keycloak realm export
 * (infra/keycloak/quartier-realm.json; a unit test keeps both in step). The password is
 * deliberately obvious: these accounts exist for demos and tests only.
 */
export const DEMO_PASSWORD = 'demo';

export interface DemoTenant {
  readonly id: string;
  readonly name: string;
}

export const DEMO_TENANTS = [
  { id: 'berlin-demo', name: 'Berlin (Demo)' },
  { id: 'musterstadt', name: 'Musterstadt (Demo)' },
] as const satisfies readonly DemoTenant[];

export interface DemoUser {
  /** Stable `sub`, the same UUID as the user id in the Keycloak realm. */
  readonly id: string;
  readonly username: string;
  readonly password: string;
  readonly name: string;
  readonly email: string;
  /** The `tenant` claim; null for the platform administrator. */
  readonly tenantId: string | null;
  /** Realm roles, the ceiling of what the user may do. */
  readonly roles: readonly Role[];
  /** What the account is for, shown on the dev login page and in the README. */
  readonly description: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    id: '6f1c2a34-0b7e-4c55-9a41-3d2e8f1b0a01',
    username: 'admin',
    password: DEMO_PASSWORD,
    name: 'Anna Admin',
    email: 'admin@berlin-demo.quartier.example',
    tenantId: 'berlin-demo',
    roles: ['tenant-admin'],
    description: 'Mandanten-Administration Berlin (Demo)',
  },
  {
    id: '6f1c2a34-0b7e-4c55-9a41-3d2e8f1b0a02',
    username: 'planer',
    password: DEMO_PASSWORD,
    name: 'Paul Planer',
    email: 'planer@berlin-demo.quartier.example',
    tenantId: 'berlin-demo',
    roles: ['planner'],
    description: 'Planung, nur Bezirk Mitte (Zuweisung im Register)',
  },
  {
    id: '6f1c2a34-0b7e-4c55-9a41-3d2e8f1b0a03',
    username: 'analyst',
    password: DEMO_PASSWORD,
    name: 'Alex Analyst',
    email: 'analyst@berlin-demo.quartier.example',
    tenantId: 'berlin-demo',
    roles: ['analyst'],
    description: 'Analyse, ganz Berlin (Demo)',
  },
  {
    id: '6f1c2a34-0b7e-4c55-9a41-3d2e8f1b0a04',
    username: 'viewer',
    password: DEMO_PASSWORD,
    name: 'Vera Viewer',
    email: 'viewer@berlin-demo.quartier.example',
    tenantId: 'berlin-demo',
    roles: ['viewer'],
    description: 'Nur lesen, ganz Berlin (Demo)',
  },
  {
    id: '6f1c2a34-0b7e-4c55-9a41-3d2e8f1b0a07',
    username: 'programm',
    password: DEMO_PASSWORD,
    name: 'Petra Programm',
    email: 'programm@berlin-demo.quartier.example',
    tenantId: 'berlin-demo',
    roles: ['programme-manager'],
    description: 'Programmsteuerung (Förderprogramme), ganz Berlin (Demo)',
  },
  {
    id: '6f1c2a34-0b7e-4c55-9a41-3d2e8f1b0a08',
    username: 'evaluator',
    password: DEMO_PASSWORD,
    name: 'Eva Evaluatorin',
    email: 'evaluator@berlin-demo.quartier.example',
    tenantId: 'berlin-demo',
    roles: ['evaluator'],
    description: 'Evaluation von Programmen und Maßnahmen, ganz Berlin (Demo)',
  },
  {
    id: '6f1c2a34-0b7e-4c55-9a41-3d2e8f1b0a05',
    username: 'musterstadt-admin',
    password: DEMO_PASSWORD,
    name: 'Mia Muster',
    email: 'admin@musterstadt.quartier.example',
    tenantId: 'musterstadt',
    roles: ['tenant-admin'],
    description: 'Mandanten-Administration Musterstadt (Demo)',
  },
  {
    id: '6f1c2a34-0b7e-4c55-9a41-3d2e8f1b0a06',
    username: 'platform',
    password: DEMO_PASSWORD,
    name: 'Pia Plattform',
    email: 'platform@quartier.example',
    tenantId: null,
    roles: ['platform-admin'],
    description: 'Plattform-Administration, alle Mandanten',
  },
];

/**
 * The role assignments the demo seed writes into the registry, so the token roles above apply
 * somewhere. Areas are named by code because their ids are generated at import; `01` is the
 * Berlin LOR district (Bezirk) Mitte. Admin roles need no assignment (they apply tenant-wide).
 */
export interface DemoRoleAssignment {
  readonly tenantId: string;
  readonly username: string;
  readonly role: Role;
  /** Code of the scope area; null = the whole tenant. */
  readonly areaCode: string | null;
  readonly programmeId: null;
}

export const DEMO_ROLE_ASSIGNMENTS: readonly DemoRoleAssignment[] = [
  { tenantId: 'berlin-demo', username: 'planer', role: 'planner', areaCode: '01', programmeId: null },
  { tenantId: 'berlin-demo', username: 'analyst', role: 'analyst', areaCode: null, programmeId: null },
  { tenantId: 'berlin-demo', username: 'viewer', role: 'viewer', areaCode: null, programmeId: null },
  {
    tenantId: 'berlin-demo',
    username: 'programm',
    role: 'programme-manager',
    areaCode: null,
    programmeId: null,
  },
  { tenantId: 'berlin-demo', username: 'evaluator', role: 'evaluator', areaCode: null, programmeId: null },
];
