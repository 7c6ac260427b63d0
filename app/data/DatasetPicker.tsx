// The dataset picker: built-in datasets with their options, the user's uploads (file picker or drop,
// kept in this browser), a preview of a few rows with the shapes they make, and clear messages when the
// data does not fit the graph. A file that cannot be read changes nothing.
import { type ChangeEvent, type DragEvent, useEffect, useMemo, useState } from 'react';
import { listBuiltinDatasets } from '../../engine/index.ts';
import type { Graph } from '../../graph-schema/schema.ts';
import { runAction } from '../actions/registry.ts';
import { defaultTraining } from '../model/graphOps.ts';
import { useStudio } from '../store/store.ts';
import { workerApi } from '../training/controller.ts';
import type { DataSource, LoadFailure, Preview } from '../worker/protocol.ts';
import { OptionsForm } from './OptionsForm.tsx';
import { MAX_UPLOAD_CHARS, readUploads, saveUpload, uploadFor, uploadId, uploadKindFor } from './uploads.ts';

type Training = NonNullable<Graph['training']>;

function trainingOf(graph: Graph): Training {
  return { ...defaultTraining(), ...graph.training } as Training;
}

/** "line 3, column 5: message" for a failure. */
export function describeFailure(f: LoadFailure): string {
  if (f.line === undefined) return f.message;
  return `Line ${f.line}${f.column !== undefined ? `, column ${f.column}` : ''}: ${f.message}`;
}

async function previewFor(graph: Graph, source: DataSource): Promise<Preview | LoadFailure> {
  const r = await workerApi()
    .preview(graph, source)
    .catch((e: unknown) => ({ ok: false as const, message: String(e) }));
  return r.ok ? r.preview : r;
}

/** Reads, checks and stores an uploaded file, then points the graph at it. Returns the outcome. */
export async function uploadFile(file: File): Promise<Preview | LoadFailure> {
  const text = await file.text();
  if (text.length > MAX_UPLOAD_CHARS) {
    return { ok: false, message: `${file.name} is too large to keep in the browser (over 2 MB of text).` };
  }
  const graph = useStudio.getState().graph;
  const kind = uploadKindFor(file.name, graph);
  const r = await previewFor(graph, { kind: 'upload', uploadKind: kind, name: file.name, text });
  if ('ok' in r) return r;
  if (!saveUpload({ name: file.name, kind, text })) {
    return { ok: false, message: 'The browser refused to store the file (storage full or blocked).' };
  }
  const t = trainingOf(graph);
  runAction('setTraining', {
    label: `Use ${file.name}`,
    training: { ...t, dataset: { id: uploadId(file.name), options: {} } },
  });
  return r;
}

/** The picker (in the Training tab). */
export function DatasetPicker() {
  const graph = useStudio((s) => s.graph);
  const t = trainingOf(graph);
  const builtins = useMemo(listBuiltinDatasets, []);
  const [uploads, setUploads] = useState(() => Object.keys(readUploads()));
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<LoadFailure | null>(null);
  const [dragging, setDragging] = useState(false);
  const builtin = builtins.find((b) => b.id === t.dataset.id);
  const key = JSON.stringify([t.dataset, graph.nodes.find((n) => n.type === 'Input')?.params]);

  // Preview again when the dataset, its options or the Input change (debounced).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the graph parts that matter
  useEffect(() => {
    const timer = setTimeout(async () => {
      const g = useStudio.getState().graph;
      const u = uploadFor(trainingOf(g).dataset.id);
      const source: DataSource = u
        ? { kind: 'upload', uploadKind: u.kind, name: u.name, text: u.text }
        : { kind: 'builtin' };
      const r = await previewFor(g, source);
      if ('ok' in r) {
        setProblem(r);
        setPreview(null);
      } else {
        setProblem(null);
        setPreview(r);
      }
    }, 300);
    return () => clearTimeout(timer);
  }, [key]);

  const onUpload = async (file: File | undefined) => {
    if (!file) return;
    const r = await uploadFile(file);
    if ('ok' in r) {
      setProblem(r);
      return;
    }
    setUploads(Object.keys(readUploads()));
    setProblem(null);
    setPreview(r);
  };

  const pick = (id: string) =>
    runAction('setTraining', {
      label: 'Set dataset',
      training: { ...t, dataset: { id, options: id === t.dataset.id ? t.dataset.options : {} } },
    });

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping a file is a shortcut; the Upload button is the accessible way
    <section
      className={`dataset-picker${dragging ? ' dragging' : ''}`}
      data-testid="dataset-picker"
      onDragOver={(e: DragEvent) => {
        e.preventDefault();
        e.stopPropagation();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e: DragEvent) => {
        e.preventDefault();
        e.stopPropagation();
        setDragging(false);
        void onUpload(e.dataTransfer.files?.[0]);
      }}
    >
      <div className="picker-row">
        <label className="small" htmlFor="dataset-select">
          Data
        </label>
        <select
          id="dataset-select"
          data-testid="dataset-select"
          value={t.dataset.id}
          onChange={(e) => pick(e.target.value)}
        >
          {!builtin && !uploads.includes(t.dataset.id.slice(7)) && (
            <option value={t.dataset.id}>{t.dataset.id}</option>
          )}
          <optgroup label="Built-in">
            {builtins.map((b) => (
              <option key={b.id} value={b.id}>
                {b.title}
              </option>
            ))}
          </optgroup>
          {uploads.length > 0 && (
            <optgroup label="Your files (kept in this browser)">
              {uploads.map((u) => (
                <option key={u} value={uploadId(u)}>
                  {u}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        <label
          className="tool small upload-button"
          title="A .csv (numbers, last column the label; or text,label) or a plain text file"
        >
          Upload…
          <input
            type="file"
            accept=".csv,.txt,.text,text/plain,text/csv"
            data-testid="data-upload-input"
            className="visually-hidden"
            onChange={(e: ChangeEvent<HTMLInputElement>) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              void onUpload(f);
            }}
          />
        </label>
      </div>
      {builtin && <OptionsForm info={builtin} training={t} />}
      {problem && (
        <div className="run-message error" role="alert" data-testid="data-error">
          {describeFailure(problem)}
        </div>
      )}
      {preview && !problem && <PreviewView preview={preview} />}
      <div className="muted small drop-hint">or drop a .csv / .txt file here</div>
    </section>
  );
}

function PreviewView({ preview }: { preview: Preview }) {
  return (
    <div
      className="data-preview"
      data-testid="data-preview"
      data-dataset-id={preview.datasetId}
      data-x-shape={preview.xShape.join(',')}
    >
      <div className="small">
        x <code>[{preview.xShape.join(', ')}]</code> → y <code>[{preview.yShape.join(', ')}]</code>
      </div>
      <div className="muted small">{preview.description}</div>
      <ol className="preview-rows">
        {preview.rows.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are a fixed snapshot
          <li key={i}>
            <code>{r}</code>
          </li>
        ))}
      </ol>
    </div>
  );
}
