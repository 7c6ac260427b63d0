// An open view's data: asked of the worker when the view opens, when its request changes, and again as
// training moves the weights (at most every REFRESH_MS, never two asks in flight), so a view costs the
// main thread one small render per refresh. The answer's typed arrays arrive transferred.
import { useEffect, useState } from 'react';
import { ensureLoadedApi } from '../training/controller.ts';
import { useTraining } from '../training/store.ts';
import type { ViewRequest, ViewResult } from '../worker/protocol.ts';

/** Minimum time between two asks while training (~3 updates per second). */
export const REFRESH_MS = 300;

/** The latest answer for `req` (null until the first), and why it could not be had. */
export function useViewData<K extends ViewResult['kind']>(
  req: ViewRequest | null,
): { data: Extract<ViewResult, { kind: K }> | null; error: string | null } {
  const [data, setData] = useState<ViewResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(req);

  useEffect(() => {
    const req = JSON.parse(key) as ViewRequest | null;
    if (!req) return;
    let alive = true;
    // per request: an answer still in flight for an older request can never clear this one's flags
    const s = { busy: false, again: false, last: 0, timer: null as ReturnType<typeof setTimeout> | null };
    const ask = async () => {
      if (s.busy) {
        s.again = true;
        return;
      }
      s.busy = true;
      s.last = performance.now();
      try {
        const api = await ensureLoadedApi();
        if (!alive) return;
        if (!api) {
          const t = useTraining.getState();
          // Still loading (e.g. right after the page opens): not a failure. The phase change at the end
          // of the load asks again (the subscription below).
          if (t.phase === 'loading') setError(null);
          else setError(t.message ?? 'The model could not be loaded: see the Training tab.');
          return;
        }
        const r = await api.view(req);
        if (!alive) return;
        if (r.kind === 'error') setError(r.message);
        else {
          setError(null);
          setData(r);
        }
      } catch (e) {
        if (alive) setError(`The training worker did not answer (${String(e)}).`);
      } finally {
        s.busy = false;
        if (alive && s.again) {
          s.again = false;
          schedule();
        }
      }
    };
    const schedule = () => {
      if (s.timer !== null) return;
      const wait = Math.max(0, s.last + REFRESH_MS - performance.now());
      s.timer = setTimeout(() => {
        s.timer = null;
        void ask();
      }, wait);
    };
    setData(null);
    setError(null);
    void ask();
    // new weights (a step, a reset, a fresh load): ask again, throttled
    const unsub = useTraining.subscribe((t, prev) => {
      if (t.step !== prev.step || t.info !== prev.info || t.phase !== prev.phase) schedule();
    });
    return () => {
      alive = false;
      unsub();
      if (s.timer !== null) clearTimeout(s.timer);
    };
  }, [key]);
  return { data: data as Extract<ViewResult, { kind: K }> | null, error };
}
