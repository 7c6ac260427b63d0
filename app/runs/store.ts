// The kept runs: every training run becomes a labelled run (settings diff from the previous one), with
// show/hide, colour and delete; the live run's curves grow from the worker's progress records. Runs are
// written to IndexedDB (db.ts) while they grow (at most every SAVE_MS) and when they end.
import { create } from 'zustand';
import type { Graph } from '../../graph-schema/schema.ts';
import type { LoadInfo, Progress } from '../worker/protocol.ts';
import { deleteRun, loadRuns, saveRun } from './db.ts';
import { runLabel, type RunSettings, settingsOf } from './settings.ts';
import type { RunRecord, XAxis } from './types.ts';

/** Colour-blind-safe run colours (Okabe-Ito), used in turn. */
export const RUN_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442'];

/** The runs' state. */
export interface RunsState {
  runs: RunRecord[];
  /** the run the worker is training now (its curves grow), or null */
  liveId: string | null;
  xAxis: XAxis;
  /** ids whose latest curves are in IndexedDB */
  saved: Record<string, boolean>;
  /** bumped when a run is added, removed, shown, hidden or recoloured (the chart rebuilds its series) */
  layout: number;
  /** bumped when the live run's curves grew */
  data: number;
}

/** The runs store. */
export const useRuns = create<RunsState>(() => ({
  runs: [],
  liveId: null,
  xAxis: 'steps',
  saved: {},
  layout: 0,
  data: 0,
}));

/** A run about to start: created at its first reported step (a run that never stepped is not kept). */
let pending: { graph: Graph; info: LoadInfo } | null = null;
let counter = 0;

function newId(): string {
  counter += 1;
  return `r${Date.now().toString(36)}${counter}`;
}

function nextColour(runs: RunRecord[]): string {
  const used = new Set(runs.map((r) => r.colour));
  return RUN_COLOURS.find((c) => !used.has(c)) ?? RUN_COLOURS[runs.length % RUN_COLOURS.length];
}

/** Examples per step of a graph's run. */
function batchOf(graph: Graph, info: LoadInfo): number {
  const b = graph.training?.batchSize ?? 32;
  return b === 'full' ? info.sizes.train : Math.min(b, info.sizes.train);
}

/** A new run of `graph` begins (after a load or a Reset); the previous live run ends. */
export function beginRun(graph: Graph, info: LoadInfo): void {
  endLiveRun();
  pending = { graph, info };
}

function createRun(graph: Graph, info: LoadInfo): RunRecord {
  const runs = useRuns.getState().runs;
  const prev: RunSettings | null = runs.length ? runs[runs.length - 1].settings : null;
  const settings = settingsOf(graph);
  return {
    id: newId(),
    createdAt: Date.now(),
    graphName: graph.name || 'Untitled',
    settings,
    label: runLabel(prev, settings, graph.name || 'Untitled'),
    colour: nextColour(runs),
    visible: true,
    batch: batchOf(graph, info),
    trainSize: info.sizes.train,
    stepsPerEpoch: info.stepsPerEpoch,
    status: 'running',
    steps: [],
    loss: [],
    valSteps: [],
    valLoss: [],
  };
}

// Beyond this many points the oldest half of a run is thinned (every second point kept), like the live chart.
const MAX_POINTS = 20_000;

/** Folds one progress record into the live run (creating it at its first step). */
export function recordRunProgress(p: Progress): void {
  let { runs, liveId } = useRuns.getState();
  let added = false;
  if (!liveId && pending && p.losses.length > 0) {
    const r = createRun(pending.graph, pending.info);
    pending = null;
    runs = [...runs, r];
    liveId = r.id;
    added = true;
  }
  const live = runs.find((r) => r.id === liveId);
  if (!live) return;
  for (let i = 0; i < p.losses.length; i++) {
    live.steps.push(p.firstStep + i);
    live.loss.push(p.losses[i]);
  }
  if (
    p.valStep !== undefined &&
    p.valLoss !== undefined &&
    live.valSteps[live.valSteps.length - 1] !== p.valStep
  ) {
    live.valSteps.push(p.valStep);
    live.valLoss.push(p.valLoss);
  }
  if (live.steps.length > MAX_POINTS) thin(live);
  live.status = p.status;
  useRuns.setState((s) => ({
    runs,
    liveId,
    layout: s.layout + (added ? 1 : 0),
    data: s.data + 1,
    saved: { ...s.saved, [live.id]: false },
  }));
  scheduleSave(live.id, p.status !== 'running');
}

function thin(r: RunRecord): void {
  const half = Math.floor(r.steps.length / 2);
  r.steps.splice(0, half, ...r.steps.slice(0, half).filter((_, i) => i % 2 === 0));
  r.loss.splice(0, half, ...r.loss.slice(0, half).filter((_, i) => i % 2 === 0));
}

/** The live run ends (stop, another graph, Reset, a crash): it stays in the list as a kept run. */
export function endLiveRun(): void {
  pending = null;
  const { liveId } = useRuns.getState();
  if (!liveId) return;
  useRuns.setState({ liveId: null });
  scheduleSave(liveId, true);
}

/** Hides the runs of other models (different nodes or connections) from the chart: a number from one
 *  graph never appears on another unless the user ticks it back on. They stay in the list. */
export function hideOtherModels(graph: Graph): void {
  const { runs } = useRuns.getState();
  if (!runs.some((r) => r.visible)) return;
  const arch = structureOf(settingsOf(graph));
  const hide = runs.filter((r) => r.visible && structureOf(r.settings) !== arch);
  if (!hide.length) return;
  for (const r of hide) r.visible = false;
  useRuns.setState((s) => ({ runs: [...runs], layout: s.layout + 1 }));
  for (const r of hide) scheduleSave(r.id, true);
}

/** Node ids, types and connections of a run's model (params and inits left out: those are settings). */
function structureOf(s: RunSettings): string {
  try {
    const a = JSON.parse(s.architecture ?? '') as { nodes: { id: string; type: string }[]; edges: unknown };
    return JSON.stringify([a.nodes.map((n) => [n.id, n.type]), a.edges]);
  } catch {
    return '';
  }
}

/** Shows or hides a run on the chart. */
export function setRunVisible(id: string, visible: boolean): void {
  update(id, (r) => {
    r.visible = visible;
  });
}

/** Changes a run's colour. */
export function setRunColour(id: string, colour: string): void {
  update(id, (r) => {
    r.colour = colour;
  });
}

/** Deletes a run (also from IndexedDB). Deleting the live run only forgets its curves so far. */
export function removeRun(id: string): void {
  useRuns.setState((s) => ({
    runs: s.runs.filter((r) => r.id !== id),
    liveId: s.liveId === id ? null : s.liveId,
    layout: s.layout + 1,
  }));
  void deleteRun(id);
}

/** Chooses the chart's x-axis. */
export function setXAxis(xAxis: XAxis): void {
  useRuns.setState((s) => ({ xAxis, layout: s.layout + 1 }));
}

function update(id: string, change: (r: RunRecord) => void): void {
  const { runs } = useRuns.getState();
  const r = runs.find((x) => x.id === id);
  if (!r) return;
  change(r);
  useRuns.setState((s) => ({ runs: [...runs], layout: s.layout + 1, saved: { ...s.saved, [id]: false } }));
  scheduleSave(id, true);
}

// Saving: at most every SAVE_MS per run while it grows, at once when it ends or the user changes it.
const SAVE_MS = 1500;
const timers = new Map<string, ReturnType<typeof setTimeout>>();

function scheduleSave(id: string, now: boolean): void {
  if (timers.has(id) && !now) return;
  const old = timers.get(id);
  if (old) clearTimeout(old);
  timers.set(
    id,
    setTimeout(
      () => {
        timers.delete(id);
        const r = useRuns.getState().runs.find((x) => x.id === id);
        if (!r) return;
        void saveRun(r).then((ok) => {
          if (ok && useRuns.getState().runs.includes(r))
            useRuns.setState((s) => ({ saved: { ...s.saved, [id]: true } }));
        });
      },
      now ? 0 : SAVE_MS,
    ),
  );
}

/** Loads the kept runs of earlier sessions (call once at start); runs of other models start hidden. */
export async function hydrateRuns(current: () => Graph): Promise<void> {
  const stored = await loadRuns();
  if (!stored.length) return;
  useRuns.setState((s) => {
    const have = new Set(s.runs.map((r) => r.id));
    const saved = { ...s.saved };
    for (const r of stored) saved[r.id] = true;
    return {
      runs: [...stored.filter((r) => !have.has(r.id)), ...s.runs],
      saved,
      layout: s.layout + 1,
    };
  });
  hideOtherModels(current());
}
