// One Jest run, two projects: fast pure/unit specs and integration specs that talk to the
// real PostgreSQL, Redis and Kafka-protocol broker started by tools/test-infra.
const { readFileSync } = require('node:fs');
const swcrc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const { compilerOptions } = JSON.parse(readFileSync(`${__dirname}/tsconfig.base.json`, 'utf8'));

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);
const swc = {
  ...swcrc,
  $schema: undefined,
  jsc: { ...swcrc.jsc, baseUrl: __dirname, paths: undefined },
  swcrc: false,
};
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swc] },
  // ESM-only dependencies (jose, oidc-provider, pg-boss, archiver and theirs) are transpiled to CommonJS for Jest.
  transformIgnorePatterns: [
    '/node_modules/(?!(jose|oidc-provider|@koa|koa|quick-lru|nanoid|eta|oidc-token-hash|jsesc|pg-boss|serialize-error|non-error|archiver|zip-stream|compress-commons|crc32-stream|is-stream)/)',
  ],
  moduleNameMapper,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.quartier/'],
};
module.exports = {
  // testTimeout is a global option (ignored inside projects): integration tests start real
  // servers and brokers, so they get a minute.
  testTimeout: 60000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{libs,apps,tools}/**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/portal/', '<rootDir>/libs/portal/'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{libs,apps,tools}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/tools/test-infra/global-setup.cjs',
      globalTeardown: '<rootDir>/tools/test-infra/global-teardown.cjs',
    },
  ],
};
