import { escapeXml, neutraliseCsvRow } from '@quartier/contracts';
import { stringify } from 'csv-stringify/sync';
import type { Contact, Offering } from '../actors/actor.dto';

/** An actor as exported (identity fields already withheld where the caller may not see them). */
export interface ExportActor {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly sector: string | null;
  readonly field: string | null;
  /** Area code (readable, and what imports resolve). */
  readonly area: string | null;
  readonly address: string | null;
  readonly point: { lon: number; lat: number } | null;
  readonly offerings: readonly Offering[];
  readonly contact: Contact | null;
  readonly pseudonymised: boolean;
}

export interface ExportTie {
  readonly source: string;
  readonly target: string;
  readonly directed: boolean;
  readonly type: string;
  readonly weight: number;
}

const NODE_COLUMNS = [
  'id',
  'name',
  'kind',
  'sector',
  'field',
  'area',
  'address',
  'lon',
  'lat',
  'offerings',
  'contact_person',
  'contact_email',
  'contact_phone',
  'contact_website',
  'pseudonymised',
] as const;
type NodeColumn = (typeof NODE_COLUMNS)[number];

function nodeValues(actor: ExportActor): Record<NodeColumn, string> {
  return {
    id: actor.id,
    name: actor.name,
    kind: actor.kind,
    sector: actor.sector ?? '',
    field: actor.field ?? '',
    area: actor.area ?? '',
    address: actor.address ?? '',
    lon: actor.point ? String(actor.point.lon) : '',
    lat: actor.point ? String(actor.point.lat) : '',
    // Semicolons separate offerings; inside a description they become commas so the list stays parseable.
    offerings: actor.offerings.map((o) => `${o.type}: ${o.description.replace(/;/g, ',')}`).join('; '),
    contact_person: actor.contact?.person ?? '',
    contact_email: actor.contact?.email ?? '',
    contact_phone: actor.contact?.phone ?? '',
    contact_website: actor.contact?.website ?? '',
    pseudonymised: String(actor.pseudonymised),
  };
}

export function toCsvNodes(actors: readonly ExportActor[]): string {
  return stringify(
    actors.map((a) => neutraliseCsvRow(NODE_COLUMNS.map((c) => nodeValues(a)[c]))),
    { header: true, columns: [...NODE_COLUMNS] },
  );
}

export function toCsvEdges(ties: readonly ExportTie[]): string {
  return stringify(
    ties.map((t) => neutraliseCsvRow([t.source, t.target, t.type, t.weight, String(t.directed)])),
    { header: true, columns: ['source', 'target', 'type', 'weight', 'directed'] },
  );
}

/** Node attributes besides id and name, in both XML formats. */
const XML_NODE_ATTRIBUTES = NODE_COLUMNS.filter((c) => c !== 'id' && c !== 'name');

/** GEXF 1.3 (Gephi): tie type as edge attribute `type` and `kind`, direction per edge. */
export function toGexf(
  actors: readonly ExportActor[],
  ties: readonly ExportTie[],
  meta: { directed: boolean; description: string },
): string {
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
    `  <meta><creator>Quartier</creator><description>${escapeXml(meta.description)}</description></meta>`,
    `  <graph mode="static" defaultedgetype="${meta.directed ? 'directed' : 'undirected'}">`,
    '    <attributes class="node">',
    ...XML_NODE_ATTRIBUTES.map(
      (name, i) =>
        `      <attribute id="n${i}" title="${name}" type="${name === 'lon' || name === 'lat' ? 'double' : name === 'pseudonymised' ? 'boolean' : 'string'}"/>`,
    ),
    '    </attributes>',
    '    <attributes class="edge">',
    '      <attribute id="e0" title="type" type="string"/>',
    '    </attributes>',
    '    <nodes>',
  ];
  for (const actor of actors) {
    const values = nodeValues(actor);
    lines.push(
      `      <node id="${escapeXml(actor.id)}" label="${escapeXml(actor.name)}">`,
      '        <attvalues>',
    );
    XML_NODE_ATTRIBUTES.forEach((name, i) => {
      if (values[name] !== '')
        lines.push(`          <attvalue for="n${i}" value="${escapeXml(values[name])}"/>`);
    });
    lines.push('        </attvalues>', '      </node>');
  }
  lines.push('    </nodes>', '    <edges>');
  ties.forEach((tie, i) => {
    lines.push(
      `      <edge id="${i}" source="${escapeXml(tie.source)}" target="${escapeXml(tie.target)}" type="${tie.directed ? 'directed' : 'undirected'}" kind="${escapeXml(tie.type)}" weight="${tie.weight}">`,
      `        <attvalues><attvalue for="e0" value="${escapeXml(tie.type)}"/></attvalues>`,
      '      </edge>',
    );
  });
  lines.push('    </edges>', '  </graph>', '</gexf>', '');
  return lines.join('\n');
}

/** GraphML with `<key>`s named like the CSV columns; direction per edge. */
export function toGraphml(
  actors: readonly ExportActor[],
  ties: readonly ExportTie[],
  meta: { directed: boolean },
): string {
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '         xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    '  <key id="name" for="node" attr.name="name" attr.type="string"/>',
    ...XML_NODE_ATTRIBUTES.map(
      (name) =>
        `  <key id="${name}" for="node" attr.name="${name}" attr.type="${name === 'lon' || name === 'lat' ? 'double' : name === 'pseudonymised' ? 'boolean' : 'string'}"/>`,
    ),
    '  <key id="type" for="edge" attr.name="type" attr.type="string"/>',
    '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>',
    `  <graph id="G" edgedefault="${meta.directed ? 'directed' : 'undirected'}">`,
  ];
  for (const actor of actors) {
    const values = nodeValues(actor);
    lines.push(
      `    <node id="${escapeXml(actor.id)}">`,
      `      <data key="name">${escapeXml(actor.name)}</data>`,
    );
    for (const name of XML_NODE_ATTRIBUTES)
      if (values[name] !== '') lines.push(`      <data key="${name}">${escapeXml(values[name])}</data>`);
    lines.push('    </node>');
  }
  for (const tie of ties) {
    lines.push(
      `    <edge source="${escapeXml(tie.source)}" target="${escapeXml(tie.target)}" directed="${tie.directed}">`,
      `      <data key="type">${escapeXml(tie.type)}</data>`,
      `      <data key="weight">${tie.weight}</data>`,
      '    </edge>',
    );
  }
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}
