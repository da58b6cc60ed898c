import { validateXML } from 'xmllint-wasm';
import { ProgrammeError } from '../programme-error';
import { languageCafeModel } from './fixtures';
import { exportImpactModelJson, importImpactModelJson } from './json';
import type { ImpactModel } from './model';
import { renderWirkungstreppeSvg, WIRKUNGSTREPPE_LABELS_DE, WIRKUNGSTREPPE_LABELS_EN, wrap } from './svg';
import { copyImpactModel } from './template';

function counter(prefix: string) {
  let next = 0;
  return () => `${prefix}${++next}`;
}

describe('copyImpactModel', () => {
  it('gives the model, its nodes and bindings fresh ids, follows edges and notes the template', () => {
    const template = languageCafeModel();
    const copy = copyImpactModel(template, {
      newId: counter('n'),
      copiedAt: '2026-05-04T10:00:00Z',
      copiedBy: 'u7',
    });
    // Node ids first (n1…n7), then the model (n8), then bindings in node order (n9…n11).
    expect(copy.id).toBe('n8');
    expect(copy.nodes.map((n) => n.id)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7']);
    expect(copy.nodes.flatMap((n) => n.bindings.map((b) => b.id))).toEqual(['n9', 'n10', 'n11']);
    expect(copy.edges).toEqual([
      { from: 'n1', to: 'n2' },
      { from: 'n2', to: 'n3' },
      { from: 'n3', to: 'n4' },
      { from: 'n4', to: 'n5' },
      { from: 'n5', to: 'n6' },
      { from: 'n6', to: 'n7' },
    ]);
    expect(copy.provenance).toEqual({
      templateModelId: 'model-1',
      templateTitle: 'Elterncafé Sprache & Schule',
      copiedAt: '2026-05-04T10:00:00Z',
      copiedBy: 'u7',
    });
    // Everything but ids is kept: titles, steps, assumptions, bindings' sources and values.
    const strip = (m: ImpactModel) =>
      m.nodes.map(({ id: _id, bindings, ...rest }) => ({
        ...rest,
        bindings: bindings.map(({ id: _b, ...b }) => b),
      }));
    expect(strip(copy)).toEqual(strip(template));
    expect(template.id).toBe('model-1'); // the template is untouched
  });

  it('takes a new title and refuses an id generator that repeats itself', () => {
    expect(
      copyImpactModel(languageCafeModel(), {
        newId: counter('x'),
        copiedAt: '2026-05-04T10:00:00Z',
        title: 'Kopie',
      }).title,
    ).toBe('Kopie');
    expect(() =>
      copyImpactModel(languageCafeModel(), { newId: () => 'same', copiedAt: '2026-05-04T10:00:00Z' }),
    ).toThrow(/node "same" occurs twice/);
  });
});

describe('impact model JSON', () => {
  it('writes a versioned document with keys in a fixed order', () => {
    const text = exportImpactModelJson({
      title: 'Klein',
      id: 'k',
      edges: [{ to: 'a', from: 'i' }],
      nodes: [
        { title: 'Geld', type: 'input', id: 'i', step: null, risks: [], assumptions: [], bindings: [] },
        {
          step: 1,
          id: 'a',
          type: 'activity',
          title: 'Kurs',
          assumptions: ['Raum da'],
          risks: [],
          bindings: [],
        },
      ],
    } as ImpactModel);
    expect(text).toBe(
      [
        '{',
        '  "format": "quartier.impact-model",',
        '  "version": 1,',
        '  "model": {',
        '    "id": "k",',
        '    "title": "Klein",',
        '    "nodes": [',
        '      {',
        '        "id": "i",',
        '        "type": "input",',
        '        "step": null,',
        '        "title": "Geld",',
        '        "assumptions": [],',
        '        "risks": [],',
        '        "bindings": []',
        '      },',
        '      {',
        '        "id": "a",',
        '        "type": "activity",',
        '        "step": 1,',
        '        "title": "Kurs",',
        '        "assumptions": [',
        '          "Raum da"',
        '        ],',
        '        "risks": [],',
        '        "bindings": []',
        '      }',
        '    ],',
        '    "edges": [',
        '      {',
        '        "from": "i",',
        '        "to": "a"',
        '      }',
        '    ]',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('reads back what it wrote, and writes the same bytes again', () => {
    const copy = copyImpactModel(languageCafeModel(), {
      newId: counter('c'),
      copiedAt: '2026-05-04T10:00:00Z',
    });
    const text = exportImpactModelJson(copy);
    expect(importImpactModelJson(text)).toEqual(copy);
    expect(exportImpactModelJson(importImpactModelJson(text))).toBe(text);
    expect(importImpactModelJson(`\uFEFF${text}`)).toEqual(copy);
  });

  it('refuses other formats, unknown versions, bad JSON and invalid models', () => {
    const document = JSON.parse(exportImpactModelJson(languageCafeModel()));
    const refuse = (text: string, message: string | RegExp) => {
      expect(() => importImpactModelJson(text)).toThrow(ProgrammeError);
      expect(() => importImpactModelJson(text)).toThrow(message);
    };
    refuse(
      JSON.stringify({ ...document, version: 2 }),
      'impact model document: version: version 2 is not supported (this build reads version 1)',
    );
    refuse(
      JSON.stringify({ ...document, format: 'x' }),
      'impact model document: format: expected "quartier.impact-model"',
    );
    refuse('[1,', /^impact model document: \(document\): not valid JSON: /);
    refuse('null', 'impact model document: format: expected "quartier.impact-model"');
    document.model.edges.push({ from: 'm1', to: 'i1' });
    refuse(JSON.stringify(document), 'edge m1 → i1: impact → input runs backwards');
  });
});

describe('renderWirkungstreppeSvg', () => {
  const model = languageCafeModel();

  it('is well-formed XML with a title and a description of every step and link', async () => {
    const svg = renderWirkungstreppeSvg(model, { labels: WIRKUNGSTREPPE_LABELS_DE });
    const result = await validateXML({
      xml: [{ fileName: 'figure.svg', contents: svg }],
      normalization: 'format',
    });
    expect(result.errors).toEqual([]);
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="1232" height="\d+" viewBox="0 0 1232 \d+" role="img" aria-labelledby="wirkungstreppe-title wirkungstreppe-desc"/,
    );
    expect(svg).toContain(
      '<title id="wirkungstreppe-title">Wirkungstreppe: Elterncafé Sprache &amp; Schule</title>',
    );
    const desc = /<desc id="wirkungstreppe-desc">([^<]*)<\/desc>/.exec(svg)?.[1].split('\n');
    expect(desc).toEqual([
      'Wirkungsmodell „Elterncafé Sprache &amp; Schule“ mit 7 Elementen und 6 Verbindungen.',
      'Ressourcen: Projektfonds 40.000 € und zwei Honorarkräfte.',
      'Stufe 1 (Aktivitäten finden wie geplant statt): Elterncafé zweimal pro Woche in der Grundschule (Aktivität).',
      'Stufe 2 (Zielgruppen werden erreicht): Eltern aus 60 Familien nehmen teil (Output).',
      'Stufe 3 (Zielgruppen akzeptieren Angebote): Eltern kommen regelmäßig wieder (Output).',
      'Stufe 4 (Zielgruppen verändern Bewusstsein bzw. Fähigkeiten): Eltern kennen die Unterstützungsangebote im Kiez (Outcome).',
      'Stufe 5 (Zielgruppen ändern ihr Handeln): Familien nutzen Beratung früher (Outcome).',
      'Stufe 7 (Gesellschaft bzw. Quartier verändert sich): Weniger Kinderarmut im Quartier (Impact).',
      'Projektfonds 40.000 € und zwei Honorarkräfte führt zu Elterncafé zweimal pro Woche in der Grundschule.',
      'Elterncafé zweimal pro Woche in der Grundschule führt zu Eltern aus 60 Familien nehmen teil.',
      'Eltern aus 60 Familien nehmen teil führt zu Eltern kommen regelmäßig wieder.',
      'Eltern kommen regelmäßig wieder führt zu Eltern kennen die Unterstützungsangebote im Kiez.',
      'Eltern kennen die Unterstützungsangebote im Kiez führt zu Familien nutzen Beratung früher.',
      'Familien nutzen Beratung früher führt zu Weniger Kinderarmut im Quartier.',
    ]);
  });

  it('places each node on its stair: one column per step, higher steps higher up', () => {
    const svg = renderWirkungstreppeSvg(model, { labels: WIRKUNGSTREPPE_LABELS_EN });
    const boxes = [...svg.matchAll(/<rect x="(\d+)" y="(\d+)" width="134" height="(\d+)" rx="4"/g)].map(
      (m) => ({
        x: Number(m[1]),
        y: Number(m[2]),
        bottom: Number(m[2]) + Number(m[3]),
      }),
    );
    expect(boxes.map((b) => b.x)).toEqual([24, 174, 324, 474, 624, 774, 1074]); // 16 + step·150 + 8
    const stairs = [...svg.matchAll(/<rect x="(\d+)" y="(\d+)" width="150"/g)].map((m) => Number(m[2]));
    expect(stairs).toHaveLength(7);
    for (let i = 1; i < 7; i++) expect(stairs[i]).toBe(stairs[i - 1] - 34);
    // Every node sits 8 px above its stair (inputs above the ground line).
    const ground = stairs[0] + 34;
    const steps = [0, 1, 2, 3, 4, 5, 7];
    boxes.forEach((box, i) => expect(box.bottom).toBe(ground - steps[i] * 34 - 8));
    expect(svg.match(/marker-end=/g)).toHaveLength(6);
    expect(svg.match(/<text[^>]*>evidence: 1<\/text>/g)).toHaveLength(3);
    expect(svg).toContain(
      '<title>Impact, Step 7: Weniger Kinderarmut im Quartier\nRisks: Mietsteigerungen verdrängen Familien</title>',
    );
    expect(svg).toContain('>Step 4</text>');
    expect(svg).toContain('>Awareness and skills</text>');
  });

  it('stacks several nodes on one step and escapes what people typed', async () => {
    const crowded: ImpactModel = {
      ...model,
      title: 'A <b> & "c"',
      nodes: [
        ...model.nodes,
        {
          id: 'c3',
          type: 'outcome',
          step: 4,
          title: 'Kinder <3 & Eltern\fsprechen',
          assumptions: [],
          risks: [],
          bindings: [],
        },
      ],
    };
    const svg = renderWirkungstreppeSvg(crowded, { labels: WIRKUNGSTREPPE_LABELS_EN, idPrefix: 'm12' });
    expect(
      (await validateXML({ xml: [{ fileName: 'f.svg', contents: svg }], normalization: 'format' })).errors,
    ).toEqual([]);
    expect(svg).toContain('aria-labelledby="m12-title m12-desc"');
    expect(svg).toContain('marker-end="url(#m12-arrow)"');
    expect(svg).toContain('A &lt;b&gt; &amp; &quot;c&quot;');
    expect(svg).toContain('>Kinder &lt;3 &amp; Eltern</text>');
    expect(svg).toContain('Kinder &lt;3 &amp; Eltern sprechen (Outcome)');
    const onStep4 = [...svg.matchAll(/<rect x="624" y="(\d+)" width="134" height="(\d+)" rx="4"/g)].map(
      (m) => [Number(m[1]), Number(m[1]) + Number(m[2])],
    );
    expect(onStep4).toHaveLength(2);
    expect(onStep4[1][1]).toBe(onStep4[0][0] - 8); // the second box sits 8 px above the first
  });

  it('renders the same model to the same bytes', () => {
    expect(renderWirkungstreppeSvg(model, { labels: WIRKUNGSTREPPE_LABELS_DE })).toBe(
      renderWirkungstreppeSvg(languageCafeModel(), { labels: WIRKUNGSTREPPE_LABELS_DE }),
    );
  });
});

describe('wrap', () => {
  it('wraps at word boundaries, hyphenates over-long words and ends a cut text with …', () => {
    expect(wrap('Eltern kennen die Unterstützungsangebote im Kiez', 20, 4)).toEqual([
      'Eltern kennen die',
      'Unterstützungsangeb-',
      'ote im Kiez',
    ]);
    expect(wrap('eins zwei drei vier fünf sechs', 9, 2)).toEqual(['eins zwei', 'drei vie…']);
    expect(wrap('  ', 10, 2)).toEqual([]);
  });
});
