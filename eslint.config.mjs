// Module boundaries are the architecture (docs/architecture.md §3) made executable:
// core libs stay pure, no domain reaches into another domain, apps only wire.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { existsSync, readdirSync } from 'node:fs';

const INFRA_PACKAGES = [
  '@nestjs/*',
  'typeorm',
  'kafkajs',
  'ioredis',
  'pg',
  'express',
  'fs',
  'node:fs',
  'node:net',
  'node:http',
  'net',
  'http',
];
// A domain is a folder under libs/ with an `api` library: a new service is picked up by itself.
const DOMAINS = readdirSync(new URL('./libs', import.meta.url)).filter((d) =>
  existsSync(new URL(`./libs/${d}/api/project.json`, import.meta.url)),
);

/**
 * Dependency rules by tag. Tests of a pure core library may read fixture files and the
 * reference-data folder (an infrastructure library); the library's own code may not.
 */
const depConstraints = ({ tests }) => [
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  {
    sourceTag: 'type:core',
    onlyDependOnLibsWithTags: tests
      ? ['type:core', 'type:contracts', 'type:infra']
      : ['type:core', 'type:contracts'],
    bannedExternalImports: tests ? INFRA_PACKAGES.filter((p) => !p.endsWith('fs')) : INFRA_PACKAGES,
  },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:infra', 'type:contracts'] },
  {
    sourceTag: 'type:api',
    onlyDependOnLibsWithTags: ['type:core', 'type:contracts', 'type:infra'],
  },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:api',
      'type:infra',
      'type:contracts',
      'type:feature',
      'type:ui',
      'type:data-access',
      'type:composition',
    ],
  },
  // The list of the platform's services (libs/platform-services): the one library that gathers the
  // services' API libraries, for the platform app and the tools that check every service.
  { sourceTag: 'type:composition', onlyDependOnLibsWithTags: ['type:api', 'type:infra', 'type:contracts'] },
  // Browser code (the public survey form's script): this repository's pure libraries only — the
  // bundle carries no npm package of its own choosing, and nothing of Node.
  { sourceTag: 'type:browser', onlyDependOnLibsWithTags: ['type:core'], allowedExternalImports: [] },
  {
    sourceTag: 'type:tool',
    onlyDependOnLibsWithTags: ['type:core', 'type:contracts', 'type:infra'],
  },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:ui', 'type:data-access', 'type:contracts'],
  },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:contracts'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:portal', onlyDependOnLibsWithTags: ['scope:portal', 'scope:shared'] },
  ...DOMAINS.map((d) => ({
    sourceTag: `scope:${d}`,
    onlyDependOnLibsWithTags: [`scope:${d}`, 'scope:shared'],
  })),
  { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['*'] },
];

const TYPESCRIPT = ['**/*.ts', '**/*.mts', '**/*.cts'];

const boundaries = (tests) => [
  'error',
  { enforceBuildableLibDependency: false, allow: [], depConstraints: depConstraints({ tests }) },
];

export default [
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/.nx',
      '**/.angular',
      '**/.quartier',
      'coverage',
      'tmp',
      'bench-results',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
      // The repository's own scripts get the size limits below (and only those).
      '!tools/**/*.mjs',
      '!apps/portal-e2e/run.mjs',
      '!bin/*.js',
    ],
  },
  // The recommended rule sets are for the TypeScript sources; the scripts are linted for size only.
  { ...js.configs.recommended, files: TYPESCRIPT },
  ...tseslint.configs.recommended.map((c) => ({ ...c, files: c.files ?? TYPESCRIPT })),
  ...nx.configs['flat/base'],
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-eval': 'error',
      'no-new-func': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: depConstraints({ tests: false }),
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e.ts', '**/fixtures/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': boundaries(true),
    },
  },
  // Size limits (issue 15): no source file over 500 lines, no function over 100, blank lines and
  // comments counted. Tests, their fixtures and helpers, migrations (schema as data) and generated
  // clients are exempt; so is nothing else — split by responsibility instead.
  {
    files: ['**/*.ts'],
    ignores: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.e2e.ts',
      '**/fixtures/**',
      '**/fixtures.ts',
      '**/testing/**',
      '**/*-test-support.ts',
      '**/migrations/**',
      'libs/portal/data-access/src/generated/**',
    ],
    rules: {
      'max-lines': ['error', { max: 500, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': [
        'error',
        { max: 100, skipBlankLines: false, skipComments: false, IIFEs: true },
      ],
    },
  },
  {
    files: ['tools/**/*.mjs', 'apps/portal-e2e/run.mjs', 'bin/*.js'],
    languageOptions: { sourceType: 'module' },
    rules: {
      'max-lines': ['error', { max: 500, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': [
        'error',
        { max: 100, skipBlankLines: false, skipComments: false, IIFEs: true },
      ],
    },
  },
  { files: ['bin/*.js'], languageOptions: { sourceType: 'commonjs' } },
  {
    files: ['apps/portal/src/**/*.ts', 'libs/portal/*/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@quartier/contracts',
              message:
                'The portal takes @quartier/contracts/browser: the index carries zod (~520 kB), which a single import puts into the bundle.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/survey/form-runtime/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@quartier/survey-core',
              message: 'The browser takes @quartier/survey-core/browser: the index carries XLSX and zod.',
            },
          ],
          patterns: [{ group: ['node:*'], message: 'Browser code: no Node modules.' }],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', '__filename', 'global'],
    },
  },
  prettier,
];
