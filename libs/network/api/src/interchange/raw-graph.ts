// The readers live in @quartier/network-core (the command line converts files with them too).
export {
  ImportIssues,
  MAX_ISSUES,
  parseBoolean,
  type ImportIssue,
  type RawEdge,
  type RawGraph,
  type RawNode,
} from '@quartier/network-core';
