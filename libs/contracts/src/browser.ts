// @quartier/contracts/browser: the part of the contracts the portal runs — plain constants and
// functions without zod. The index also carries the event and value schemas, whose zod calls at
// module level keep all of zod (≈ 520 kB with its locales) in any bundle that imports it, however
// little it uses: the portal's shell took it into the initial bundle that way.
export * from './roles';
export * from './csv-safety';
export * from './xml-text';
export * from './actor-name';
export * from './evaluation-evidence';
export * from './network-sectors';
export * from './week-calendar';
export * from './period';
export * from './period-split';
export * from './survey-limits';
export * from './programme-limits';
export * from './text-limits';
