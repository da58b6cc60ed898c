import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyForm, insertNode, moveNode, newGroup, newQuestion, nodeAt, removeNode, syncAreaList } from './form-model.ts';

describe('form model edits', () => {
  it('inserts, moves, nests and removes questions by path', () => {
    let form = emptyForm('Nachbarschaft 2025');
    assert.equal(form.settings.formId, 'nachbarschaft_2025');
    ({ form } = insertNode(form, newQuestion(form, 'text'), null));
    ({ form } = insertNode(form, newQuestion(form, 'integer'), [0]));
    assert.deepEqual(form.children.map((n) => n.name), ['frage_1', 'frage_2']);
    const moved = moveNode(form, [1], -1);
    assert.deepEqual(moved.form.children.map((n) => n.name), ['frage_2', 'frage_1']);
    assert.deepEqual(moved.path, [0]);
    assert.deepEqual(moveNode(moved.form, [0], -1).path, [0]);
    let withGroup = insertNode(moved.form, newGroup(moved.form, false), [1]);
    const inside = insertNode(withGroup.form, newQuestion(withGroup.form, 'select_one'), withGroup.path, true);
    assert.deepEqual(inside.path, [2, 0]);
    assert.equal(nodeAt(inside.form, [2, 0])?.name, 'frage_3');
    withGroup = { form: removeNode(inside.form, [2, 0]), path: [2] };
    assert.equal(nodeAt(withGroup.form, [2])?.kind, 'group');
    assert.equal(nodeAt(withGroup.form, [2, 0]), undefined);
  });

  it('builds the area list from the target areas and adds the area question when missing', () => {
    const form = syncAreaList(emptyForm('Test'), [
      { key: '01011101', name: 'Stülerstraße' },
      { key: '01011102', name: 'Großer Tiergarten' },
    ]);
    assert.equal(form.children[0].name, 'gebiet');
    assert.deepEqual(form.choiceLists, [{ name: 'gebiete', choices: [
      { name: '01011101', label: { de: 'Stülerstraße' }, properties: {} },
      { name: '01011102', label: { de: 'Großer Tiergarten' }, properties: {} },
    ] }]);
    assert.equal(syncAreaList(form, [{ key: 'x', name: 'X' }]).children.length, 1);
  });
});
