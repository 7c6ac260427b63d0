// The autosave's voice: a banner for the one problem the user must act on (a saved copy that could not
// be opened, another tab's save, a full storage) and the "Recent" list of replaced graphs.
import { runAction } from '../actions/registry.ts';
import { useState } from 'react';
import { type RecentGraph, recentGraphs } from '../model/autosave.ts';
import { type AutosaveProblem, useAutosave } from '../store/autosaveStore.ts';
import './autosave.css';

const dismiss = () => useAutosave.setState({ problem: null });

function ProblemText({ p }: { p: AutosaveProblem }) {
  if (p.kind === 'refused') {
    const where = p.keptAside
      ? 'It is kept aside, unchanged: download it to keep a file of it.'
      : 'There was no room to keep it aside, so autosave is off until you download it.';
    const newer = p.reason === 'newer' ? ' Open it with the newer Backprop Studio that saved it.' : '';
    return (
      <span>
        Your saved graph could not be opened: {p.message}. {where}
        {newer} Meanwhile you see an example.
      </span>
    );
  }
  if (p.kind === 'conflict')
    return (
      <span>
        This graph was also changed in another tab. Autosave is paused here so neither tab overwrites the
        other: which graph should this tab keep?
      </span>
    );
  return <span>{p.message}</span>;
}

/** The banner (only while there is a problem). */
function Banner() {
  const problem = useAutosave((s) => s.problem);
  if (!problem) return null;
  return (
    <div className="autosave-banner" role="alert" data-testid="autosave-banner" data-kind={problem.kind}>
      <ProblemText p={problem} />
      <div className="autosave-actions">
        {problem.kind === 'refused' && (
          <button
            type="button"
            className="tool"
            data-testid="autosave-download"
            onClick={() => runAction('autosaveDownload')}
          >
            Download the saved copy
          </button>
        )}
        {problem.kind === 'conflict' && (
          <>
            <button
              type="button"
              className="tool"
              data-testid="autosave-take-theirs"
              onClick={() => runAction('autosaveTakeTheirs')}
            >
              Open the other tab’s graph
            </button>
            <button
              type="button"
              className="tool"
              data-testid="autosave-keep-mine"
              onClick={() => runAction('autosaveKeepMine')}
            >
              Keep this tab’s graph
            </button>
          </>
        )}
        {problem.kind === 'quota' && (
          <button
            type="button"
            className="tool"
            data-testid="autosave-export"
            onClick={() => runAction('export')}
          >
            Export graph
          </button>
        )}
        {problem.kind !== 'conflict' && (
          <button type="button" className="tool" data-testid="autosave-dismiss" onClick={dismiss}>
            Close
          </button>
        )}
      </div>
    </div>
  );
}

function when(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
}

/** "Recent" toolbar button and its list of graphs replaced by links, imports, examples or New. */
function Recent() {
  const open = useAutosave((s) => s.recentOpen);
  const [items, setItems] = useState<RecentGraph[]>([]);
  const toggle = () => {
    if (!open) setItems(recentGraphs(window.localStorage));
    useAutosave.setState({ recentOpen: !open });
  };
  return (
    <span className="recent-wrap">
      <button
        type="button"
        className="tool"
        data-testid="toolbar-recent"
        title="Graphs replaced by a share link, an import, an example or New"
        aria-expanded={open}
        onClick={toggle}
      >
        Recent
      </button>
      {open && (
        <div className="recent-list" data-testid="recent-graphs">
          {items.length === 0 && <p className="muted">No replaced graphs yet.</p>}
          {items.map((r, i) => (
            <button
              key={`${r.at}-${r.name}-${r.reason}`}
              type="button"
              className="recent-item"
              data-testid={`recent-${i}`}
              onClick={() => runAction('reopenRecent', r)}
            >
              <strong>{r.name}</strong>
              <span className="muted">
                {r.graph.nodes.length} layer{r.graph.nodes.length === 1 ? '' : 's'} · {r.reason} ·{' '}
                {when(r.at)}
              </span>
            </button>
          ))}
        </div>
      )}
    </span>
  );
}

/** "2 tabs": the app is open in other tabs too (each asks before replacing the other's changes). */
function OtherTabs() {
  const others = useAutosave((s) => s.otherTabs);
  if (others === 0) return null;
  return (
    <span
      className="other-tabs"
      data-testid="other-tabs"
      data-count={others}
      title="Backprop Studio is open in other tabs of this browser too. They share one autosave: when one tab changes its graph, the others ask before saving over it."
    >
      {others + 1} tabs
    </span>
  );
}

/** The toolbar item: Recent and the other-tabs badge, plus the banner (fixed at the top of the window). */
export function AutosaveUi() {
  return (
    <>
      <OtherTabs />
      <Recent />
      <Banner />
    </>
  );
}
