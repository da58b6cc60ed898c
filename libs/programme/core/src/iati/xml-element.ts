import { escapeXml } from '@quartier/contracts';

// A minimal element tree for building XML documents: children in the order given (the IATI
// schema is a strict sequence), undefined attributes and absent children left out.

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string | undefined>>;
  readonly children: readonly (XmlElement | string)[];
}

type Child = XmlElement | string | undefined | false | null | readonly Child[];

export function el(
  name: string,
  attributes: Readonly<Record<string, string | undefined>> = {},
  ...children: Child[]
): XmlElement {
  return { name, attributes, children: flatten(children) };
}

function flatten(children: readonly Child[]): (XmlElement | string)[] {
  const out: (XmlElement | string)[] = [];
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) out.push(...flatten(child));
    else out.push(child as XmlElement | string);
  }
  return out;
}

/** Serialises with two-space indentation; text-only elements stay on one line. */
export function serialiseXml(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${write(root, '')}\n`;
}

function write(element: XmlElement, indent: string): string {
  const attributes = Object.entries(element.attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('');
  if (element.children.length === 0) return `${indent}<${element.name}${attributes}/>`;
  if (element.children.every((c) => typeof c === 'string'))
    return `${indent}<${element.name}${attributes}>${element.children.map((c) => escapeXml(c as string)).join('')}</${element.name}>`;
  const inner = element.children
    .map((c) => (typeof c === 'string' ? `${indent}  ${escapeXml(c)}` : write(c, `${indent}  `)))
    .join('\n');
  return `${indent}<${element.name}${attributes}>\n${inner}\n${indent}</${element.name}>`;
}
