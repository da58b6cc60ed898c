export { NetworkInputError, type NetworkErrorCode } from './network-error';
export {
  buildNetworkGraph,
  allNeighbours,
  arcWeight,
  type NetworkGraph,
  type NetworkInput,
  type NetworkNodeInput,
  type NetworkEdgeInput,
} from './graph';
export {
  pathKernelGraph,
  pathMeasuresForSources,
  pathMeasures,
  finalizePathMeasures,
  emptyPathPartial,
  addPathPartial,
  type PathKernelGraph,
  type PathPartial,
  type PathMeasures,
} from './paths';
export {
  degreeMeasures,
  degreeCentralization,
  pagerank,
  eigenvectorCentrality,
  type DegreeMeasures,
  type IterativeResult,
} from './centrality';
export { localClustering, transitivity } from './clustering';
export { structuralHoles, type StructuralHoles } from './structural-holes';
export { brokerageRoles, sectorCodes, type BrokerageRoles } from './brokerage';
export { eiIndex, type EiIndex, type EiIndexBySector } from './ei-index';
export { connectivity, type Connectivity } from './components';
export { louvainCommunities, modularity, type Communities } from './communities';
export {
  computeNetworkMetrics,
  parseMeasures,
  needsPathMeasures,
  density,
  ALL_MEASURES,
  NODE_MEASURES,
  GRAPH_MEASURES,
  type MeasureName,
  type MetricsOptions,
  type NetworkMetrics,
  type GraphMetrics,
  type NodeMetrics,
} from './metrics';
export { egoNetwork, type EgoNetwork } from './ego';
export { compareWaves, type WaveComparison, type MeasureChange, type TieRef } from './waves';
export {
  foldParallelTies,
  PARALLEL_TIE_POLICIES,
  SELF_TIE_POLICIES,
  canonicalEnds,
  type ParallelTiePolicy,
  type SelfTiePolicy,
  type TieToFold,
  type FoldedTie,
  type FoldResult,
  type RefusedTie,
} from './parallel-ties';
export {
  ImportIssues,
  MAX_ISSUES,
  parseBoolean,
  reportRefusedTie,
  type ImportIssue,
  type ImportIssueCode,
  type ImportIssueParams,
  type RawEdge,
  type RawGraph,
  type RawNode,
} from './interchange/raw-graph';
export { parseGexf, parseGraphml } from './interchange/xml-formats';
export {
  convertNetworkDocument,
  networkDocumentFormat,
  type ConvertedNetwork,
  type ConvertedNode,
  type ConvertedEdge,
  type ConvertOptions,
  type NetworkDocumentFormat,
} from './interchange/convert';
