// The readers live in @quartier/network-core (the command line converts files with them too).
export { parseGexf, parseGraphml } from '@quartier/network-core';
