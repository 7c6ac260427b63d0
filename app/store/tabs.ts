// Other tabs of the app, over a BroadcastChannel: which tabs are open (a tab says hello when it starts
// and bye when it goes; the others answer), and every change of graph at once, including edits that
// never reach localStorage (a full storage, or this tab's autosave paused while it asks). Storage
// events stay the fallback (a browser without BroadcastChannel); the two report the same texts, and
// the receiver ignores a text it already knows.

/** The channel's name (versioned like the storage keys). */
export const TABS_CHANNEL = 'backprop-studio:tabs:v1';

/** What tabs tell each other; `text` is the sender's session as autosave writes it. */
export type TabMessage =
  | { type: 'hello'; tab: string; text: string }
  | { type: 'here'; tab: string; text: string }
  | { type: 'changed'; tab: string; text: string }
  | { type: 'bye'; tab: string };

/** The part of BroadcastChannel used here (a fake in unit tests). */
export interface ChannelLike {
  postMessage(m: TabMessage): void;
  onmessage: ((e: { data: unknown }) => void) | null;
  close(): void;
}

/** What the tab does with what it hears. */
export interface TabEvents {
  /** another tab's session text (on its start, its answer to ours, or a change) */
  onOtherSession(text: string): void;
  /** how many other tabs are open now */
  onPeers(count: number): void;
}

/** This tab's end of the channel. */
export interface TabLink {
  /** tells the other tabs this tab's session changed (whether or not it could be saved) */
  changed(text: string): void;
  /** says bye and closes the channel */
  stop(): void;
}

function isMessage(v: unknown): v is TabMessage {
  if (!v || typeof v !== 'object') return false;
  const m = v as Record<string, unknown>;
  if (typeof m.tab !== 'string') return false;
  if (m.type === 'bye') return true;
  return (m.type === 'hello' || m.type === 'here' || m.type === 'changed') && typeof m.text === 'string';
}

/**
 * Joins the channel and says hello with this tab's current session; null where BroadcastChannel does not
 * exist (storage events then do the job alone).
 */
export function joinTabs(
  currentText: () => string,
  events: TabEvents,
  open: () => ChannelLike | null = defaultChannel,
  tab: string = newTabId(),
): TabLink | null {
  const channel = open();
  if (!channel) return null;
  const peers = new Set<string>();
  const setPeer = (id: string, present: boolean) => {
    const had = peers.has(id);
    if (present) peers.add(id);
    else peers.delete(id);
    if (had !== present) events.onPeers(peers.size);
  };
  channel.onmessage = (e) => {
    const m = e.data;
    if (!isMessage(m) || m.tab === tab) return;
    if (m.type === 'bye') {
      setPeer(m.tab, false);
      return;
    }
    setPeer(m.tab, true);
    if (m.type === 'hello') channel.postMessage({ type: 'here', tab, text: currentText() });
    events.onOtherSession(m.text);
  };
  channel.postMessage({ type: 'hello', tab, text: currentText() });
  let closed = false; // a closed BroadcastChannel throws on postMessage
  return {
    changed: (text) => {
      if (!closed) channel.postMessage({ type: 'changed', tab, text });
    },
    stop: () => {
      if (closed) return;
      closed = true;
      channel.postMessage({ type: 'bye', tab });
      channel.close();
    },
  };
}

function defaultChannel(): ChannelLike | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  return new BroadcastChannel(TABS_CHANNEL) as unknown as ChannelLike;
}

function newTabId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random()}`;
}
