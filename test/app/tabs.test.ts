// Two tabs over the tabs channel (app/store/tabs.ts): presence (hello / here / bye), every change heard
// at once, and the autosave asking instead of saving over another tab's graph even when that tab's
// change never reached localStorage (full storage). A synchronous in-memory hub stands in for
// BroadcastChannel: delivery order is what matters here, not the browser's timing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recentGraphs, sessionText } from '../../app/model/autosave.ts';
import { startAutosave } from '../../app/store/session.ts';
import { useAutosave } from '../../app/store/autosaveStore.ts';
import { useStudio } from '../../app/store/store.ts';
import { type ChannelLike, joinTabs, type TabMessage } from '../../app/store/tabs.ts';

/** BroadcastChannel semantics without the browser: a message reaches every other open channel. */
function hub() {
  const open: (ChannelLike & { closed: boolean })[] = [];
  return () => {
    const c: ChannelLike & { closed: boolean } = {
      closed: false,
      onmessage: null,
      postMessage(m: TabMessage) {
        if (c.closed) throw new Error('InvalidStateError: the channel is closed'); // as browsers do
        for (const o of [...open]) if (o !== c && !o.closed) o.onmessage?.({ data: structuredClone(m) });
      },
      close() {
        c.closed = true;
      },
    };
    open.push(c);
    return c;
  };
}

function tab(open: () => ChannelLike | null, text: string, id: string) {
  const heard: string[] = [];
  const peers: number[] = [];
  const link = joinTabs(
    () => text,
    { onOtherSession: (t) => heard.push(t), onPeers: (n) => peers.push(n) },
    open,
    id,
  );
  return { link: link!, heard, peers };
}

describe('tabs channel', () => {
  it('tabs learn of each other on start and of each change, never of their own', () => {
    const open = hub();
    const a = tab(open, 'A0', 'a');
    expect(a.peers).toEqual([]);
    const b = tab(open, 'B0', 'b');
    // a hears b's hello (with its session) and answers with its own
    expect(a.heard).toEqual(['B0']);
    expect(b.heard).toEqual(['A0']);
    expect([a.peers, b.peers]).toEqual([[1], [1]]);
    a.link.changed('A1');
    expect(b.heard).toEqual(['A0', 'A1']);
    expect(a.heard).toEqual(['B0']);
    const c = tab(open, 'C0', 'c');
    expect(c.peers.at(-1)).toBe(2);
    expect(a.peers.at(-1)).toBe(2);
    b.link.stop();
    expect(a.peers.at(-1)).toBe(1);
    expect(c.peers.at(-1)).toBe(1);
    b.link.changed('B1'); // after bye: not sent (and no throw from the closed channel)
    b.link.stop();
    expect(a.heard).not.toContain('B1');
  });

  it('ignores what is not one of its messages, and is absent without BroadcastChannel', () => {
    const open = hub();
    const a = tab(open, 'A0', 'a');
    const raw = open();
    for (const junk of [
      null,
      'x',
      { type: 'changed', tab: 'z' },
      { type: 'hello', text: 'no tab' },
      { tab: 'q' },
    ])
      raw.postMessage(junk as unknown as TabMessage);
    expect(a.heard).toEqual([]);
    expect(a.peers).toEqual([]);
    expect(
      joinTabs(
        () => '',
        { onOtherSession: () => {}, onPeers: () => {} },
        () => null,
      ),
    ).toBeNull();
  });
});

/** A Storage whose writes always fail as a full browser storage does. */
function fullStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: () => null,
    removeItem: (k) => void m.delete(k),
    setItem: () => {
      const e = new Error('exceeded the quota');
      e.name = 'QuotaExceededError';
      throw e;
    },
  };
}

describe('autosave with another tab', () => {
  it('asks at once when the other tab changes its graph, even if that change could not be saved', () => {
    const open = hub();
    const state = useStudio.getState();
    const session = {
      graph: state.graph,
      viewport: state.viewport,
      selection: state.selection,
      theme: state.theme,
    };
    const other = tab(open, sessionText(session), 'other');
    const stop = startAutosave(fullStorage(), null, open);
    try {
      expect(useAutosave.getState().otherTabs).toBe(1);
      expect(useAutosave.getState().problem).toBeNull(); // the same graph: nothing to ask
      // the other tab edits (its own storage is full: no storage event would ever come)
      const theirs = sessionText({ ...session, graph: { ...session.graph, name: 'their edit' } });
      other.link.changed(theirs);
      expect(useAutosave.getState().problem).toEqual({ kind: 'conflict', theirs });
      expect(useAutosave.getState().paused).toBe(true);
      // this tab keeps editing while it asks: the other tab hears it at once
      useStudio.setState({ graph: { ...session.graph, name: 'my edit' } });
      expect(JSON.parse(other.heard.at(-1)!).graph.name).toBe('my edit');
      // the other tab takes this tab's graph: nothing is left to decide here
      other.link.changed(other.heard.at(-1)!);
      expect(useAutosave.getState().problem).toBeNull();
      expect(useAutosave.getState().paused).toBe(false);
      other.link.stop();
      expect(useAutosave.getState().otherTabs).toBe(0);
    } finally {
      stop();
      useAutosave.setState({ problem: null, paused: false, otherTabs: 0 });
    }
  });

  it('a tab closed while it still asks keeps its unsaved graph in Recent', () => {
    const open = hub();
    const m = new Map<string, string>();
    const storage: Storage = {
      get length() {
        return m.size;
      },
      clear: () => m.clear(),
      getItem: (k) => m.get(k) ?? null,
      key: (i) => [...m.keys()][i] ?? null,
      removeItem: (k) => void m.delete(k),
      setItem: (k, v) => void m.set(k, String(v)),
    };
    const win = new EventTarget() as unknown as Window;
    const example = JSON.parse(
      readFileSync(new URL('../../examples/mlp-spirals.json', import.meta.url), 'utf8'),
    );
    const state = useStudio.getState();
    useStudio.setState({ graph: example });
    const session = {
      graph: example,
      viewport: state.viewport,
      selection: state.selection,
      theme: state.theme,
    };
    const other = tab(open, sessionText(session), 'other');
    const stop = startAutosave(storage, win, open);
    try {
      other.link.changed(sessionText({ ...session, graph: { ...example, name: 'their edit' } }));
      expect(useAutosave.getState().problem?.kind).toBe('conflict');
      useStudio.setState({ graph: { ...example, name: 'my unsaved edit' } }); // not saved: paused
      expect(recentGraphs(storage).map((r) => r.graph.name)).not.toContain('my unsaved edit');
      win.dispatchEvent(new Event('pagehide')); // reload or close without answering
      expect(recentGraphs(storage)[0].graph.name).toBe('my unsaved edit');
    } finally {
      stop();
      other.link.stop();
      useStudio.setState({ graph: state.graph });
      useAutosave.setState({ problem: null, paused: false, otherTabs: 0 });
    }
  });
});
