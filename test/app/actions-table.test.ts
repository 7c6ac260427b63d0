// The command table: every command of the app is one named entry of ACTIONS; the shortcuts and the
// Keys dialog read the same table; perform(state, arg) only describes a change and its undo policy
// (runAction applies it); and the clipboard, the paste offset, the toast counter, the edit guards and
// the canvas gestures live in the store, so a fresh store (initialState) has none of them left over.
import { beforeEach, describe, expect, test } from 'vitest';
import {
  ACTION_TABLES,
  ACTIONS,
  actionForKey,
  allActions,
  ELEMENT_KEYS,
  keyRows,
  runAction,
  shortcutLabel,
} from '../../app/actions/registry.ts';
import type { Shortcut } from '../../app/actions/types.ts';
import {
  addEditGuard,
  commit,
  initialState,
  redo,
  showToast,
  undo,
  useStudio,
} from '../../app/store/store.ts';
import { useTraining } from '../../app/training/store.ts';
import type { Graph } from '../../graph-schema/schema.ts';

const graph = {
  format: 'backprop-studio.graph',
  version: 1,
  name: 'clip',
  nodes: [
    { id: 'in', type: 'Input', position: { x: 0, y: 0 }, params: { shape: [3], dtype: 'float32' } },
    { id: 'd', type: 'Dense', position: { x: 100, y: 0 }, params: { units: 2 } },
    { id: 'd2', type: 'Dense', position: { x: 300, y: 0 }, params: { units: 4 } },
  ],
  edges: [{ id: 'e1', source: 'in', target: 'd' }],
} as unknown as Graph;

const key = (
  k: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});
const combo = (s: Shortcut) => `${s.mod ? 'mod+' : ''}${s.shift ? 'shift+' : ''}${s.key.toLowerCase()}`;
const params = (id: string) =>
  useStudio.getState().graph.nodes.find((n) => n.id === id)?.params as Record<string, unknown>;

beforeEach(() => {
  useStudio.setState({ ...initialState(), graph }, true);
  useTraining.setState({ phase: 'idle' });
});

describe('the table', () => {
  test('every action has a unique name equal to its key, a label, a hint and a group', () => {
    const names = ACTION_TABLES.flatMap((t) => Object.keys(t));
    expect(new Set(names).size).toBe(names.length); // a name in two groups would be hidden by the spread
    expect(Object.keys(ACTIONS).sort()).toEqual([...names].sort());
    for (const [k, a] of Object.entries(ACTIONS)) {
      expect(a.name, k).toBe(k);
      expect(a.label.length, k).toBeGreaterThan(0);
      expect(a.hint.length, k).toBeGreaterThan(0);
      expect(a.group, k).toBeTruthy();
    }
  });

  test('holds every command: files, history, clipboard, canvas edits, view, training, lessons', () => {
    for (const name of [
      'new',
      'examples',
      'openExample',
      'import',
      'openFile',
      'export',
      'share',
      'exportPytorch',
      'exportKeras',
      'exportWeights',
      'exportData',
      'loadWeights',
      'importKeras',
      'undo',
      'redo',
      'copy',
      'paste',
      'delete',
      'selectAll',
      'addNode',
      'connect',
      'reconnect',
      'removeEdge',
      'move',
      'setParam',
      'renameNode',
      'setGraphName',
      'setTraining',
      'layout',
      'fit',
      'theme',
      'presenter',
      'keys',
      'close',
      'train',
      'pause',
      'step',
      'stop',
      'reset',
      'gradientLab',
      'openLesson',
      'lessonNext',
      'lessonPrev',
      'lessonRestart',
      'lessonExit',
      'labTrainBoth',
      'labStopBoth',
      'labClose',
      'explodingPreset',
      'clipAndTrain',
      'editJson',
      'setChallenge',
      'challengeEdit',
      'loadWeightsFile',
      'importKerasFile',
      'reopenRecent',
      'autosaveTakeTheirs',
      'autosaveKeepMine',
      'autosaveDownload',
      'showTab',
      'openView',
      'closeView',
      'dismissToast',
      'removeRun',
      'select',
    ]) {
      expect(Object.keys(ACTIONS), name).toContain(name);
    }
  });

  test('every shortcut is unique, belongs to an action that needs no argument, and is listed in the Keys dialog', () => {
    const seen = new Map<string, string>();
    for (const a of allActions()) {
      if (a.keys.length > 0) expect(a.perform.length, `${a.name} takes an argument`).toBeLessThan(2);
      for (const k of a.keys) {
        expect(seen.get(combo(k)), `${combo(k)} on ${a.name}`).toBeUndefined();
        seen.set(combo(k), a.name);
        // the key resolves back to its own action
        expect(actionForKey(key(k.key, { ctrlKey: !!k.mod, shiftKey: !!k.shift }))?.name).toBe(a.name);
      }
    }
    const listed = keyRows().flatMap((g) =>
      g.rows.flatMap((r) => r.keys.map((k) => `${combo(k)}=${r.name}`)),
    );
    expect(listed.sort()).toEqual([...seen].map(([c, n]) => `${c}=${n}`).sort());
    // the rows the focused element handles are there too, and none claims a table shortcut
    expect(ELEMENT_KEYS.length).toBeGreaterThan(0);
  });

  test('training commands have shortcuts that browsers and editors leave alone', () => {
    const keysOf = (n: keyof typeof ACTIONS) => ACTIONS[n].keys.map((k) => shortcutLabel(k));
    expect(keysOf('train')).toEqual(['T']);
    expect(keysOf('pause')).toEqual(['K']);
    expect(keysOf('step')).toEqual(['.']);
    expect(keysOf('stop')).toEqual(['Shift+K']);
    expect(keysOf('reset')).toEqual(['Shift+R']);
    // Browser-owned combinations (new tab/window, close, reload, address bar, find, print, history,
    // bookmarks, zoom) and Space (React Flow pans while it is held) are not used by any action.
    const reserved = [
      't',
      'n',
      'w',
      'r',
      'l',
      'f',
      'p',
      'h',
      'd',
      'j',
      'g',
      'u',
      'e',
      'k',
      'q',
      '+',
      '-',
      '0',
    ]
      .map((k) => `mod+${k}`)
      .concat([
        'mod+shift+t',
        'mod+shift+n',
        'mod+shift+w',
        'mod+shift+r',
        'mod+shift+i',
        'mod+shift+j',
        ' ',
      ]);
    for (const a of allActions()) for (const k of a.keys) expect(reserved, a.name).not.toContain(combo(k));
  });
});

describe('keyboard shortcuts', () => {
  test('map to the same actions as the toolbar', () => {
    expect(actionForKey(key('z', { ctrlKey: true }))).toBe(ACTIONS.undo);
    expect(actionForKey(key('Z', { metaKey: true, shiftKey: true }))).toBe(ACTIONS.redo);
    expect(actionForKey(key('y', { ctrlKey: true }))).toBe(ACTIONS.redo);
    expect(actionForKey(key('Delete'))).toBe(ACTIONS.delete);
    expect(actionForKey(key('c', { ctrlKey: true }))).toBe(ACTIONS.copy);
    expect(actionForKey(key('?', { shiftKey: true }))).toBe(ACTIONS.keys);
    expect(actionForKey(key('p'))).toBe(ACTIONS.presenter);
    expect(actionForKey(key('p', { ctrlKey: true }))).toBeNull();
    expect(actionForKey(key('z'))).toBeNull();
    expect(actionForKey(key('z', { ctrlKey: true, altKey: true }))).toBeNull();
  });
});

describe('perform(state, arg) describes the change and its undo policy', () => {
  test('a param edit: the new graph, coalesce keyed by node and param; nothing changes until applied', () => {
    const s = useStudio.getState();
    const r = ACTIONS.setParam.perform(s, { nodeId: 'd', key: 'units', value: 7 });
    expect(r).toMatchObject({ label: 'Set d.units', undo: 'coalesce', coalesceKey: 'param:d.units' });
    expect(r.graph?.nodes[1].params).toMatchObject({ units: 7 });
    expect(params('d').units).toBe(2);
  });

  test('a move: a drag frame coalesces under its drag number, an arrow-key nudge is its own step', () => {
    const s = useStudio.getState();
    const frame = ACTIONS.move.perform(s, { positions: { d: { x: 5, y: 6 } }, drag: 3 });
    expect(frame).toMatchObject({ undo: 'coalesce', coalesceKey: 'drag#3' });
    expect(frame.graph?.nodes[1].position).toEqual({ x: 5, y: 6 });
    const nudge = ACTIONS.move.perform(s, { positions: { d: { x: 5, y: 6 } }, drag: null });
    expect(nudge.undo).toBe('record');
    expect(nudge.coalesceKey).toBeUndefined();
  });

  test('connect: a recorded step; a refused one changes nothing and says why', () => {
    const s = useStudio.getState();
    const ok = ACTIONS.connect.perform(s, { source: 'd', target: 'd2' });
    expect(ok.undo).toBe('record');
    expect(ok.graph?.edges.map((e) => `${e.source}->${e.target}`)).toEqual(['in->d', 'd->d2']);
    const cycle = ACTIONS.connect.perform(s, { source: 'd', target: 'd' });
    expect(cycle).toMatchObject({ undo: 'none', toast: { kind: 'error' } });
    expect(cycle.graph).toBeUndefined();
  });

  test('delete and select all are pure; runAction records one undo step for delete', () => {
    const state = { ...useStudio.getState(), selection: { nodes: ['d2'], edges: [] } };
    const r = ACTIONS.delete.perform(state);
    expect(r?.undo).toBe('record');
    expect(r?.graph?.nodes.map((n) => n.id)).toEqual(['in', 'd']);
    expect(useStudio.getState().graph.nodes).toHaveLength(3);
    expect(ACTIONS.selectAll.perform(state)).toMatchObject({
      undo: 'none',
      selection: { nodes: ['in', 'd', 'd2'] },
    });
    useStudio.setState({ selection: { nodes: ['d2'], edges: [] } });
    runAction('delete');
    expect(useStudio.getState().graph.nodes.map((n) => n.id)).toEqual(['in', 'd']);
    expect(useStudio.getState().history.past.at(-1)?.label).toBe('Delete');
  });

  test('clip-and-train and the challenge are recorded graph edits; the challenge label passes its own lock', () => {
    const trained = { ...graph, training: { clip: null } } as unknown as Graph;
    const s = { ...useStudio.getState(), graph: trained };
    const r = ACTIONS.clipAndTrain.perform(s, { type: 'norm', max: 1 });
    expect(r).toMatchObject({ label: 'Clip gradients by norm 1', undo: 'record' });
    expect(r?.graph?.training?.clip).toEqual({ type: 'norm', max: 1 });
    expect(typeof r?.effect).toBe('function'); // training starts only after the edit applied
    expect(ACTIONS.clipAndTrain.perform(useStudio.getState(), { type: 'norm', max: 1 })).toBeUndefined();
    const removed = ACTIONS.setChallenge.perform({ ...s, graph: { ...graph, challenge: {} } as Graph }, null);
    expect(removed.label).toBe('Challenge: remove');
    expect(removed.graph && 'challenge' in removed.graph).toBe(false);
  });

  test('training commands return their effect instead of running it', () => {
    const r = ACTIONS.train.perform();
    expect(r).toMatchObject({ label: 'Train', undo: 'none' });
    expect(typeof r.effect).toBe('function');
    expect(useTraining.getState().phase).toBe('idle');
  });
});

describe('runAction applies the policy', () => {
  test('setting one field again is one undo step; another field or an undo starts a new one', () => {
    runAction('setParam', { nodeId: 'd', key: 'units', value: 7 });
    runAction('setParam', { nodeId: 'd', key: 'units', value: 70 });
    expect(useStudio.getState().history.past).toHaveLength(1);
    runAction('setParam', { nodeId: 'd2', key: 'units', value: 9 });
    expect(useStudio.getState().history.past).toHaveLength(2);
    undo();
    expect(params('d2').units).toBe(4);
    expect(params('d').units).toBe(70);
    undo();
    expect(params('d').units).toBe(2);
    redo();
    expect(params('d').units).toBe(70);
    // after an undo the same field starts a fresh step (it does not merge into the undone one)
    undo();
    runAction('setParam', { nodeId: 'd', key: 'units', value: 5 });
    runAction('setParam', { nodeId: 'd', key: 'units', value: 6 });
    expect(useStudio.getState().history.past).toHaveLength(1);
    undo();
    expect(params('d').units).toBe(2);
  });

  test('two drags are two steps even when nothing happens between them', () => {
    const frame = (x: number, drag: number) => runAction('move', { positions: { d: { x, y: 0 } }, drag });
    for (let x = 1; x <= 5; x++) frame(x, 1);
    for (let x = 6; x <= 9; x++) frame(x, 2);
    expect(useStudio.getState().history.past.map((e) => e.label)).toEqual(['Move', 'Move']);
    undo();
    expect(useStudio.getState().graph.nodes[1].position).toEqual({ x: 5, y: 0 });
    undo();
    expect(useStudio.getState().graph.nodes[1].position).toEqual({ x: 100, y: 0 });
  });

  test('a disabled action does nothing: Train while training, Pause while idle', () => {
    useTraining.setState({ phase: 'running' });
    expect(runAction('train')).toBeUndefined();
    expect(runAction('step')).toBeUndefined();
    useTraining.setState({ phase: 'idle' });
    expect(runAction('pause')).toBeUndefined();
    expect(runAction('stop')).toBeUndefined();
  });

  test('an edit a guard refuses changes nothing and leaves no step', () => {
    const remove = addEditGuard(() => false);
    expect(runAction('connect', { source: 'd', target: 'd2' })).toBeUndefined();
    expect(useStudio.getState().graph).toBe(graph);
    expect(useStudio.getState().history.past).toHaveLength(0);
    remove();
  });
});

describe('state in the store, not in modules', () => {
  test('copy keeps the clip in the store; each paste moves 40 px further; a fresh store forgets it', () => {
    useStudio.setState({ selection: { nodes: ['d'], edges: [] } });
    runAction('copy');
    expect(useStudio.getState().clipboard?.clip.nodes.map((n) => n.id)).toEqual(['d']);
    runAction('paste');
    runAction('paste');
    const s = useStudio.getState();
    expect(s.clipboard?.pastes).toBe(2);
    expect(s.graph.nodes.slice(3).map((n) => n.position)).toEqual([
      { x: 140, y: 40 },
      { x: 180, y: 80 },
    ]);
    useStudio.setState(initialState(), true);
    expect(useStudio.getState().clipboard).toBeNull();
    expect(useStudio.getState().gesture).toEqual({ drag: null, edge: null, seq: 0 });
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
