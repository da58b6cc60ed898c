import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  areaMethodOf,
  emptyForm,
  geometryParts,
  insertNode,
  moveNode,
  newGroup,
  newQuestion,
  nodeAt,
  removeNode,
  syncAreaList,
  targetAreaGeometries,
} from './form-model.ts';

describe('form model edits', () => {
  it('inserts, moves, nests and removes questions by path', () => {
    let form = emptyForm('Nachbarschaft 2025');
    assert.equal(form.settings.formId, 'nachbarschaft_2025');
    ({ form } = insertNode(form, newQuestion(form, 'text'), null));
    ({ form } = insertNode(form, newQuestion(form, 'integer'), [0]));
    assert.deepEqual(
      form.children.map((n) => n.name),
      ['frage_1', 'frage_2'],
    );
    const moved = moveNode(form, [1], -1);
    assert.deepEqual(
      moved.form.children.map((n) => n.name),
      ['frage_2', 'frage_1'],
    );
    assert.deepEqual(moved.path, [0]);
    assert.deepEqual(moveNode(moved.form, [0], -1).path, [0]);
    let withGroup = insertNode(moved.form, newGroup(moved.form, false), [1]);
    const inside = insertNode(
      withGroup.form,
      newQuestion(withGroup.form, 'select_one'),
      withGroup.path,
      true,
    );
    assert.deepEqual(inside.path, [2, 0]);
    assert.equal(nodeAt(inside.form, [2, 0])?.name, 'frage_3');
    withGroup = { form: removeNode(inside.form, [2, 0]), path: [2] };
    assert.equal(nodeAt(withGroup.form, [2])?.kind, 'group');
    assert.equal(nodeAt(withGroup.form, [2, 0]), undefined);
  });

  it('builds the area list from the target areas and adds the area question when missing', () => {
    const sync = syncAreaList(emptyForm('Test'), [
      { key: '01011101', name: 'Stülerstraße' },
      { key: '01011102', name: 'Großer Tiergarten' },
    ]);
    const form = sync.form;
    assert.equal(form.children[0].name, 'gebiet');
    assert.deepEqual(form.choiceLists, [
      {
        name: 'gebiete',
        choices: [
          { name: '01011101', label: { de: 'Stülerstraße' }, properties: {} },
          { name: '01011102', label: { de: 'Großer Tiergarten' }, properties: {} },
        ],
      },
    ]);
    assert.deepEqual(
      {
        list: sync.list,
        question: sync.question,
        areas: sync.areas,
        action: sync.listAction,
        added: sync.questionAdded,
      },
      { list: 'gebiete', question: 'gebiet', areas: 2, action: 'created', added: true },
    );
    const again = syncAreaList(form, [{ key: 'x', name: 'X' }]);
    assert.equal(again.form.children.length, 1);
    assert.equal(again.listAction, 'updated');
    assert.equal(again.questionAdded, false);
  });

  it('never overwrites a scale: an area question added next to one gets a list of its own', () => {
    let form = emptyForm('Zufriedenheit');
    form = {
      ...form,
      choiceLists: [
        {
          name: 'zufriedenheit',
          choices: ['sehr zufrieden', 'zufrieden', 'gar nicht zufrieden'].map((label, i) => ({
            name: String(i + 1),
            label: { de: label },
            properties: {},
          })),
        },
      ],
    };
    const scale = {
      ...newQuestion(form, 'select_one'),
      name: 'zufrieden',
      listName: 'zufriedenheit',
      likert: true,
    };
    ({ form } = insertNode(form, scale, null));
    // Adding an area question no longer picks the only list there is.
    const area = newQuestion(form, 'area');
    assert.equal(area.listName, 'gebiete');
    assert.equal(newQuestion(form, 'select_one').listName, '');
    ({ form } = insertNode(form, area, [0]));
    const sync = syncAreaList(form, [{ key: '01', name: 'Mitte' }]);
    assert.equal(sync.listAction, 'created');
    assert.deepEqual(
      sync.form.choiceLists.map((l) => [l.name, l.choices.map((c) => c.label['de'])]),
      [
        ['zufriedenheit', ['sehr zufrieden', 'zufrieden', 'gar nicht zufrieden']],
        ['gebiete', ['Mitte']],
      ],
    );
  });

  it('moves an area question off a list it shares with a scale, and leaves that list alone', () => {
    let form = emptyForm('Alt');
    form = {
      ...form,
      choiceLists: [{ name: 'skala', choices: [{ name: '1', label: { de: 'gut' }, properties: {} }] }],
    };
    ({ form } = insertNode(
      form,
      { ...newQuestion(form, 'select_one'), name: 'note', listName: 'skala' },
      null,
    ));
    ({ form } = insertNode(form, { ...newQuestion(form, 'area'), name: 'wohnort', listName: 'skala' }, [0]));
    const sync = syncAreaList(form, [{ key: '01', name: 'Mitte' }]);
    assert.equal(sync.keptList, 'skala');
    assert.equal(sync.question, 'wohnort');
    const listOf = (path: number[]) => {
      const node = nodeAt(sync.form, path);
      return node?.kind === 'question' ? node.listName : undefined;
    };
    assert.equal(listOf([1]), 'gebiete');
    assert.equal(listOf([0]), 'skala');
    assert.deepEqual(
      sync.form.choiceLists[0].choices.map((c) => c.label['de']),
      ['gut'],
    );
  });
});

describe('area geometries for by=point', () => {
  const square = (x: number) => [
    [
      [x, 52.5],
      [x + 0.01, 52.5],
      [x + 0.01, 52.51],
      [x, 52.51],
      [x, 52.5],
    ],
  ];

  it('finds the area method, also inside a group, choice by default', () => {
    const form = emptyForm('Karte');
    assert.equal(areaMethodOf(form), undefined);
    const point = { ...newQuestion(form, 'area'), method: 'point' as const };
    assert.equal(
      areaMethodOf({ ...form, children: [{ ...newGroup(form, false), children: [point] }] }),
      'point',
    );
    const plain = newQuestion(form, 'area');
    delete plain.method;
    assert.equal(areaMethodOf({ ...form, children: [plain] }), 'choice');
  });

  it('keeps only the target areas, only id and geometry, rounded to six decimals, and names the missing ones', () => {
    const registry = [
      {
        features: [
          {
            id: 'a',
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [13.123456789, 52.5],
                  [13.2, 52.5],
                  [13.2, 52.6],
                  [13.123456789, 52.5],
                ],
              ],
            },
            properties: { name: 'A', population: 10 },
          },
          { id: 'x', geometry: { type: 'Polygon', coordinates: square(13.5) } },
          { id: 'c', geometry: null },
        ],
      },
      { features: [{ id: 'b', geometry: { type: 'MultiPolygon', coordinates: [square(13.3)] } }] },
    ];
    const { collection, missing } = targetAreaGeometries(registry, [
      { areaId: 'a', key: '011101' },
      { areaId: 'b', key: '011102' },
      { areaId: 'c', key: '011201' },
    ]);
    assert.deepEqual(missing, ['011201']);
    assert.deepEqual(
      collection.features.map((f) => [f.id, f.geometry.type, Object.keys(f)]),
      [
        ['a', 'Polygon', ['type', 'id', 'geometry']],
        ['b', 'MultiPolygon', ['type', 'id', 'geometry']],
      ],
    );
    assert.deepEqual((collection.features[0].geometry.coordinates as number[][][])[0][0], [13.123457, 52.5]);
  });
});

describe('geometry parts', () => {
  it('splits features into bodies below the size, in order, never an empty part', () => {
    const features = Array.from({ length: 5 }, (_, i) => ({ id: `f${i}`, pad: 'x'.repeat(40) }));
    const size = JSON.stringify(features[0]).length + 1;
    const parts = geometryParts(features, size * 2);
    assert.deepEqual(
      parts.map((p) => p.map((f) => f.id)),
      [['f0', 'f1'], ['f2', 'f3'], ['f4']],
    );
    assert.deepEqual(geometryParts([], 100), []);
    // A single feature larger than the limit still travels (the server answers 413 for it).
    assert.deepEqual(geometryParts(features.slice(0, 1), 10).length, 1);
  });
});
