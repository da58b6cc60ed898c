import { convertNetworkDocument } from './convert';

// Under the strict policies a converted document names each refused row (the same reporting as
// the network import's, reportRefusedTie): a tie to itself, and a repeat with the line it repeats.
const GRAPHML = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
  '<graph edgedefault="undirected">',
  '<node id="a"/>',
  '<node id="b"/>',
  '<edge source="a" target="b"/>',
  '<edge source="b" target="a"/>',
  '<edge source="a" target="a"/>',
  '</graph>',
  '</graphml>',
].join('\n');

describe('convertNetworkDocument', () => {
  it('refuses self-ties and repeated pairs under the strict policies, naming their rows', () => {
    const converted = convertNetworkDocument(GRAPHML, 'g.graphml', 'graphml', {
      parallelTies: 'strict',
      selfTies: 'strict',
    });
    expect(converted.issues).toEqual([
      {
        file: 'g.graphml',
        line: 7,
        code: 'ParallelTie',
        params: { source: 'b', target: 'a' },
        message: 'tie b–a repeats the tie of line 6',
      },
      {
        file: 'g.graphml',
        line: 8,
        code: 'SelfTie',
        params: { id: 'a' },
        message: 'tie from "a" to itself',
      },
    ]);
  });
});
