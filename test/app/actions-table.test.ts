// The command table and the state it keeps: every command of the toolbar and the training bar is a
// named entry of ACTIONS (the Keys dialog and the shortcuts read the same table), and the clipboard,
// the paste offset, the toast counter and the edit guards live in the store, so a fresh store
// (initialState) has none of them left over.
import { beforeEach, describe, expect, test } from 'vitest';
import { copyAction, pasteAction } from '../../app/actions/edit.ts';
import { ACTIONS, actionForKey, runAction } from '../../app/actions/registry.ts';
import { type Graph } from '../../graph-schema/schema.ts';
import { addEditGuard, commit, initialState, showToast, useStudio } from '../../app/store/store.ts';

const graph = {
  format: 'backprop-studio.graph',
  version: 1,
  name: 'clip',
  nodes: [
    { id: 'in', type: 'Input', position: { x: 0, y: 0 }, params: { shape: [3], dtype: 'float32' } },
    { id: 'd', type: 'Dense', position: { x: 100, y: 0 }, params: { units: 2 } },
  ],
  edges: [{ id: 'e1', source: 'in', target: 'd' }],
} as unknown as Graph;

beforeEach(() => useStudio.setState({ ...initialState(), graph }, true));

describe('the action table', () => {
  test('has every toolbar and training command, each with a label and a hint', () => {
    for (const id of [
      'new',
      'examples',
      'import',
      'export',
      'share',
      'undo',
      'redo',
      'train',
      'pause',
      'step',
      'stop',
      'reset',
    ]) {
      expect(ACTIONS[id]?.id, id).toBe(id);
      expect(ACTIONS[id].label.length).toBeGreaterThan(0);
      expect(ACTIONS[id].hint.length).toBeGreaterThan(0);
    }
  });

  test('perform(state) returns what changes and its undo policy; runAction applies it', () => {
    const state = { ...useStudio.getState(), selection: { nodes: ['d'], edges: [] } };
    const r = ACTIONS.delete.perform(state);
    expect(r?.undo).toBe('record');
    expect(r?.graph?.nodes.map((n) => n.id)).toEqual(['in']);
    expect(useStudio.getState().graph.nodes).toHaveLength(2); // perform alone changes nothing
    expect(ACTIONS.selectAll.perform(state)).toMatchObject({
      undo: 'none',
      selection: { nodes: ['in', 'd'] },
    });
    useStudio.setState({ selection: { nodes: ['d'], edges: [] } });
    runAction(ACTIONS.delete);
    expect(useStudio.getState().graph.nodes.map((n) => n.id)).toEqual(['in']);
    expect(useStudio.getState().history.past.at(-1)?.label).toBe('Delete');
  });

  test('shortcuts resolve through the same table', () => {
    const key = (k: string, mod = false) => ({
      key: k,
      ctrlKey: mod,
      metaKey: false,
      shiftKey: false,
      altKey: false,
    });
    expect(actionForKey(key('c', true))?.id).toBe('copy');
    expect(actionForKey(key('o', true))?.id).toBe('import');
  });
});

describe('state in the store, not in modules', () => {
  test('copy keeps the clip in the store; each paste moves 40 px further; a fresh store forgets it', () => {
    useStudio.setState({ selection: { nodes: ['d'], edges: [] } });
    copyAction();
    expect(useStudio.getState().clipboard?.clip.nodes.map((n) => n.id)).toEqual(['d']);
    pasteAction();
    pasteAction();
    const s = useStudio.getState();
    expect(s.clipboard?.pastes).toBe(2);
    const pasted = s.graph.nodes.slice(2).map((n) => n.position);
    expect(pasted).toEqual([
      { x: 140, y: 40 },
      { x: 180, y: 80 },
    ]);
    useStudio.setState(initialState(), true);
    expect(useStudio.getState().clipboard).toBeNull();
  });

  test('toast ids count in the store', () => {
    showToast('a');
    showToast('a');
    expect(useStudio.getState().toast?.id).toBe(2);
    expect(useStudio.getState().toastSeq).toBe(2);
  });

  test('edit guards are store state: a refusing guard blocks an edit until removed', () => {
    const remove = addEditGuard(() => false);
    const next = { ...graph, name: 'changed' };
    commit('Rename', next, 'record');
    expect(useStudio.getState().graph.name).toBe('clip');
    remove();
    commit('Rename', next, 'record');
    expect(useStudio.getState().graph.name).toBe('changed');
  });
});
