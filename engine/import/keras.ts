// A Keras model config (`model.to_json()`, Keras 2 or 3; Sequential or functional) as our graph:
// InputLayer, Embedding, Dense, SimpleRNN, LSTM, GRU, Bidirectional(...), Softmax / Activation
// ("softmax"), Concatenate, Add. Anything else, or a setting our layers compute differently, is
// refused with the layer's name and what to change. Initializers we have (glorot, he, symmetric
// uniform, orthogonal, zeros) become the node's `init`; others are listed in the notes. Pure (text in, graph out): used by the CLI's
// `import-keras` and the app's file picker. Weights are not part of to_json() and are not read.
import type { Graph } from '../../graph-schema/schema.ts';

export type KerasImport = { ok: true; graph: Graph; notes: string[] } | { ok: false; message: string };

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A layer of the config: its class, config, name and (functional) the names it reads. */
interface KLayer {
  cls: string;
  config: Json;
  name: string;
  inputs: string[];
}

class Refused extends Error {}
const refuse = (message: string): never => {
  throw new Refused(message);
};

const ACTIVATIONS: Record<string, string> = {
  linear: 'identity',
  relu: 'relu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
};
const SUPPORTED =
  'InputLayer, Embedding, Dense, SimpleRNN, LSTM, GRU, Bidirectional, Softmax, Activation("softmax"), Concatenate, Add';

/** Choices the config leaves open. */
export interface KerasImportOptions {
  /** the length of a variable-length sequence input (shape=(None,)): our Input has a fixed shape */
  sequenceLength?: number;
  /** the graph's name when the config has none */
  name?: string;
}

/** Imports the text of a Keras model config. Never throws. */
export function importKerasText(text: string, opts: KerasImportOptions = {}): KerasImport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `not valid JSON (${(e as Error).message})` };
  }
  try {
    return importKeras(doc, opts);
  } catch (e) {
    if (e instanceof Refused) return { ok: false, message: e.message };
    return { ok: false, message: `not a Keras model config: ${(e as Error).message}` };
  }
}

function importKeras(doc: unknown, opts: KerasImportOptions): KerasImport {
  if (!isObj(doc) || typeof doc.class_name !== 'string' || !isObj(doc.config)) {
    refuse(
      'not a Keras model config: expected {"class_name": "Sequential" | "Functional", "config": {...}} from model.to_json()',
    );
  }
  const d = doc as Json & { config: Json; class_name: string };
  const layersRaw = d.config.layers;
  if (!Array.isArray(layersRaw)) refuse('the model config has no "layers" list');
  const name =
    typeof d.config.name === 'string' && d.config.name ? d.config.name : (opts.name ?? 'Keras model');
  const sequential = d.class_name === 'Sequential';
  if (!sequential && !['Functional', 'Model'].includes(d.class_name)) {
    refuse(`model class "${d.class_name}" is not supported: Sequential and functional models are`);
  }
  const layers = (layersRaw as unknown[]).map((l, i) => readLayer(l, i, sequential));
  if (sequential) {
    // Keras 2 puts the input shape on the first layer when there is no InputLayer
    if (layers[0]?.cls !== 'InputLayer') {
      const shape = layers[0]?.config.batch_input_shape ?? layers[0]?.config.batch_shape;
      if (!Array.isArray(shape)) {
        refuse(
          'the Sequential model has no input shape: add keras.Input(shape=...) or input_shape= to its first layer',
        );
      }
      const dtype = layers[0].cls === 'Embedding' ? 'int32' : 'float32';
      layers.unshift({
        cls: 'InputLayer',
        config: { batch_input_shape: shape, dtype },
        name: 'input',
        inputs: [],
      });
    }
    for (let i = 1; i < layers.length; i++) layers[i].inputs = [layers[i - 1].name];
  }
  return build(layers, name, opts);
}

function readLayer(raw: unknown, index: number, sequential: boolean): KLayer {
  if (!isObj(raw) || typeof raw.class_name !== 'string' || !isObj(raw.config)) {
    refuse(`layer ${index + 1} is not {"class_name", "config"}`);
  }
  const r = raw as Json & { class_name: string; config: Json };
  const name = String(r.name ?? r.config.name ?? `layer_${index + 1}`);
  return {
    cls: r.class_name,
    config: r.config,
    name,
    inputs: sequential ? [] : inboundNames(r.inbound_nodes, name),
  };
}

/** Names of the layers a functional layer reads (Keras 2 lists or Keras 3 keras_history). */
function inboundNames(inbound: unknown, name: string): string[] {
  if (inbound === undefined || (Array.isArray(inbound) && inbound.length === 0)) return [];
  if (!Array.isArray(inbound)) refuse(`layer "${name}": inbound_nodes is not a list`);
  if ((inbound as unknown[]).length > 1)
    refuse(`layer "${name}" is called more than once (shared layers are not supported)`);
  const node = (inbound as unknown[])[0];
  const names: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      // Keras 2: [layer_name, node_index, tensor_index, kwargs]
      if (typeof v[0] === 'string' && typeof v[1] === 'number') names.push(v[0]);
      else for (const x of v) walk(x);
    } else if (isObj(v)) {
      const hist = isObj(v.config) ? v.config.keras_history : undefined;
      if (Array.isArray(hist) && typeof hist[0] === 'string') names.push(hist[0]);
      else if (Array.isArray(v.args)) walk(v.args);
    }
  };
  walk(node);
  return names;
}

interface Built {
  nodes: Graph['nodes'];
  edges: Graph['edges'];
  /** Keras layer name -> our node id of its output */
  out: Map<string, string>;
  ids: Set<string>;
  notes: string[];
  opts: KerasImportOptions;
}

function build(layers: KLayer[], name: string, opts: KerasImportOptions): KerasImport {
  const g: Built = { nodes: [], edges: [], out: new Map(), ids: new Set(), notes: [], opts };
  for (const l of layers) {
    for (const src of l.inputs) {
      if (!g.out.has(src)) refuse(`layer "${l.name}" reads "${src}", which comes later or does not exist`);
    }
    convert(g, l);
  }
  if (!g.nodes.some((n) => n.type === 'Input')) refuse('the model has no InputLayer');
  const graph = {
    format: 'backprop-studio.graph',
    version: 1,
    name,
    nodes: g.nodes,
    edges: g.edges,
  } as unknown as Graph;
  return { ok: true, graph, notes: g.notes };
}

/** A node id from a Keras layer name (our ids: a letter or _, then letters, digits, _ or -). */
function idFor(g: Built, base: string): string {
  let id = base.replace(/[^A-Za-z0-9_-]/g, '_');
  if (!/^[A-Za-z_]/.test(id)) id = `l_${id}`;
  let k = 2;
  const start = id;
  while (g.ids.has(id)) id = `${start}_${k++}`;
  g.ids.add(id);
  return id;
}

function addNode(g: Built, base: string, type: string, params: Json, inputs: string[]): string {
  const id = idFor(g, base);
  g.nodes.push({
    id,
    type,
    position: { x: 60 + g.nodes.length * 240, y: 120 },
    params,
  } as Graph['nodes'][number]);
  for (const src of inputs)
    g.edges.push({ id: `e${g.edges.length + 1}`, source: src, target: id } as Graph['edges'][number]);
  return id;
}

function convert(g: Built, l: KLayer): void {
  const c = l.config;
  const inputs = l.inputs.map((n) => g.out.get(n)!);
  const one = () => {
    if (inputs.length !== 1)
      refuse(`layer "${l.name}" (${l.cls}) must read exactly one tensor, it reads ${inputs.length}`);
    return inputs;
  };
  let id: string;
  switch (l.cls) {
    case 'InputLayer': {
      let shape = (c.batch_input_shape ??
        c.batch_shape ??
        (Array.isArray(c.shape) ? [null, ...c.shape] : undefined)) as unknown;
      if (Array.isArray(shape) && shape.length >= 2 && shape[1] === null) {
        const T = g.opts.sequenceLength;
        if (T === undefined) {
          refuse(
            `layer "${l.name}" (InputLayer) has a variable sequence length (shape (None, ...)); our Input has a fixed length: give one (CLI: --sequence-length N; the lecture pads to maxlen = 200)`,
          );
        }
        shape = [shape[0], T, ...shape.slice(2)];
        g.notes.push(`layer "${l.name}": the variable sequence length became ${T}`);
      }
      if (
        !Array.isArray(shape) ||
        shape.length < 2 ||
        !shape.slice(1).every((d) => Number.isInteger(d) && d > 0)
      ) {
        refuse(
          `layer "${l.name}" (InputLayer) needs a fixed shape, got ${JSON.stringify(shape)} (give every axis but the batch a size)`,
        );
      }
      const dtype = typeof c.dtype === 'string' && c.dtype.startsWith('int') ? 'int32' : 'float32';
      id = addNode(g, l.name, 'Input', { shape: (shape as number[]).slice(1), dtype }, []);
      break;
    }
    case 'Embedding':
      if (c.mask_zero === true) {
        refuse(
          `layer "${l.name}" (Embedding) has mask_zero=True; Backprop Studio does not mask padding (pre-padding is used instead): set mask_zero=False`,
        );
      }
      id = addNode(
        g,
        l.name,
        'Embedding',
        { vocabSize: num(l, 'input_dim'), dim: num(l, 'output_dim') },
        one(),
      );
      break;
    case 'Dense':
      id = dense(g, l, one());
      break;
    case 'SimpleRNN':
    case 'LSTM':
    case 'GRU':
      id = addNode(
        g,
        l.name,
        ourRecurrent(l.cls),
        withInit(recurrentParams(l, false), initOf(g, l, false)),
        one(),
      );
      break;
    case 'Bidirectional': {
      const inner = isObj(c.layer) ? c.layer : refuse(`layer "${l.name}" (Bidirectional) has no inner layer`);
      const innerLayer: KLayer = {
        cls: String(inner.class_name),
        config: isObj(inner.config) ? inner.config : {},
        name: l.name,
        inputs: [],
      };
      if (!['SimpleRNN', 'LSTM', 'GRU'].includes(innerLayer.cls)) {
        refuse(
          `layer "${l.name}": Bidirectional(${innerLayer.cls}) is not supported (SimpleRNN, LSTM or GRU are)`,
        );
      }
      if ((c.merge_mode ?? 'concat') !== 'concat') {
        refuse(
          `layer "${l.name}" (Bidirectional) merges with "${String(c.merge_mode)}"; only merge_mode="concat" is supported`,
        );
      }
      id = addNode(
        g,
        l.name,
        ourRecurrent(innerLayer.cls),
        withInit(recurrentParams(innerLayer, true), initOf(g, innerLayer, false)),
        one(),
      );
      break;
    }
    case 'Softmax':
      if (c.axis !== undefined && c.axis !== -1)
        refuse(
          `layer "${l.name}" (Softmax) uses axis ${String(c.axis)}; only the last axis (-1) is supported`,
        );
      id = addNode(g, l.name, 'Softmax', {}, one());
      break;
    case 'Activation':
      if (c.activation !== 'softmax') {
        refuse(
          `layer "${l.name}" (Activation "${String(c.activation)}") is not supported; put the activation on the Dense layer before it`,
        );
      }
      id = addNode(g, l.name, 'Softmax', {}, one());
      break;
    case 'Concatenate':
      if (c.axis !== undefined && c.axis !== -1)
        refuse(
          `layer "${l.name}" (Concatenate) uses axis ${String(c.axis)}; only the last axis (-1) is supported`,
        );
      id = addNode(g, l.name, 'Concat', {}, inputs);
      break;
    case 'Add':
      id = addNode(g, l.name, 'Add', {}, inputs);
      break;
    default:
      id = refuse(`layer "${l.name}" (${l.cls}) is not supported; Backprop Studio imports ${SUPPORTED}`);
  }
  g.out.set(l.name, id);
}

const withInit = (params: Json, init: Json | undefined): Json => (init ? { ...params, init } : params);

function num(l: KLayer, key: string): number {
  const v = l.config[key];
  if (!Number.isInteger(v) || (v as number) < 1)
    refuse(`layer "${l.name}" (${l.cls}) needs a whole number "${key}", got ${JSON.stringify(v)}`);
  return v as number;
}

function activationOf(l: KLayer, key: string, fallback: string): string {
  const a = l.config[key] ?? fallback;
  if (typeof a !== 'string')
    return refuse(`layer "${l.name}" (${l.cls}) has a custom ${key}; only named activations are supported`);
  return a;
}

/** Dense (+ a Softmax node for activation="softmax", which our Dense does not have). */
function dense(g: Built, l: KLayer, inputs: string[]): string {
  const act = activationOf(l, 'activation', 'linear');
  const params: Json = { units: num(l, 'units') };
  if (l.config.use_bias === false) params.useBias = false;
  const init = initOf(g, l, false);
  if (act === 'softmax') {
    const d = addNode(g, l.name, 'Dense', withInit(params, init), inputs);
    g.notes.push(`layer "${l.name}": Dense(activation="softmax") became Dense + a Softmax node`);
    return addNode(g, `${l.name}_softmax`, 'Softmax', {}, [d]);
  }
  if (!(act in ACTIVATIONS))
    refuse(
      `layer "${l.name}" (Dense) has activation "${act}"; supported: linear, relu, sigmoid, tanh, softmax`,
    );
  if (act !== 'linear') params.activation = ACTIVATIONS[act];
  return addNode(g, l.name, 'Dense', withInit(params, init), inputs);
}

const ourRecurrent = (cls: string) => (cls === 'SimpleRNN' ? 'RNN' : cls);

/** snake_case name and config of a Keras initializer ("glorot_uniform" or {"class_name", "config"}). */
function initializer(v: unknown): { name: string; config: Json } | null {
  if (typeof v === 'string') return { name: v.toLowerCase(), config: {} };
  if (!isObj(v) || typeof v.class_name !== 'string') return null;
  const name = v.class_name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return { name, config: isObj(v.config) ? v.config : {} };
}

const KERNEL_INITS = new Set(['glorot_uniform', 'glorot_normal', 'he_uniform', 'he_normal', 'zeros']);

/**
 * The node's `init` from the layer's kernel/recurrent/bias initializers, where ours has the same one
 * (glorot, he, symmetric uniform, orthogonal, zeros); a note for each one that is not carried over.
 */
function initOf(g: Built, l: KLayer, embedding: boolean): Json | undefined {
  const init: Json = {};
  const c = l.config;
  const skip = (key: string, name: string) =>
    g.notes.push(`layer "${l.name}": ${key} ${name} is not carried over; the graph uses the Keras default`);
  const uniformScale = (key: string, cfg: Json): number | null => {
    const lo = typeof cfg.minval === 'number' ? cfg.minval : -0.05;
    const hi = typeof cfg.maxval === 'number' ? cfg.maxval : 0.05;
    if (lo !== -hi || hi <= 0) {
      skip(key, `random_uniform(${lo}, ${hi})`);
      return null;
    }
    return hi;
  };
  const k = initializer(embedding ? c.embeddings_initializer : c.kernel_initializer);
  if (k) {
    if (k.name === 'random_uniform') {
      const a = uniformScale(embedding ? 'embeddings_initializer' : 'kernel_initializer', k.config);
      if (a !== null && !(embedding && a === 0.05)) Object.assign(init, { kernel: 'uniform', scale: a });
    } else if (KERNEL_INITS.has(k.name)) {
      if (embedding || k.name !== 'glorot_uniform') init.kernel = k.name;
    } else skip(embedding ? 'embeddings_initializer' : 'kernel_initializer', k.name);
  }
  const r = initializer(c.recurrent_initializer);
  if (r) {
    const gain = typeof r.config.gain === 'number' ? r.config.gain : 1;
    if (r.name === 'orthogonal' && gain === 1) {
      // our default
    } else if (r.name === 'glorot_uniform' || r.name === 'zeros') init.recurrent = r.name;
    else if (r.name === 'random_uniform') {
      const a = uniformScale('recurrent_initializer', r.config);
      if (a !== null && (init.scale === undefined || init.scale === a))
        Object.assign(init, { recurrent: 'uniform', scale: a });
      else if (a !== null)
        skip('recurrent_initializer', `random_uniform(${-a}, ${a}) (one uniform scale per node)`);
    } else skip('recurrent_initializer', r.name + (r.name === 'orthogonal' ? ` with gain ${gain}` : ''));
  }
  const b = initializer(c.bias_initializer);
  if (b && b.name !== 'zeros') skip('bias_initializer', b.name);
  return Object.keys(init).length > 0 ? init : undefined;
}

function recurrentParams(l: KLayer, bidirectional: boolean): Json {
  const c = l.config;
  for (const key of ['return_state', 'go_backwards', 'stateful']) {
    if (c[key] === true) refuse(`layer "${l.name}" (${l.cls}) has ${key}=True, which is not supported`);
  }
  const params: Json = { units: num(l, 'units') };
  if (c.return_sequences === true) params.returnSequences = true;
  if (bidirectional) params.bidirectional = true;
  const act = activationOf(l, 'activation', 'tanh');
  if (l.cls === 'SimpleRNN') {
    if (!['tanh', 'relu', 'sigmoid'].includes(act))
      refuse(`layer "${l.name}" (SimpleRNN) has activation "${act}"; supported: tanh, relu, sigmoid`);
    if (act !== 'tanh') params.activation = act;
    return params;
  }
  if (act !== 'tanh') refuse(`layer "${l.name}" (${l.cls}) has activation "${act}"; our ${l.cls} uses tanh`);
  const rec = activationOf(l, 'recurrent_activation', 'sigmoid');
  if (rec !== 'sigmoid')
    refuse(`layer "${l.name}" (${l.cls}) has recurrent_activation "${rec}"; our ${l.cls} gates use sigmoid`);
  if (l.cls === 'LSTM' && c.unit_forget_bias === false) params.forgetBias = 0;
  if (l.cls === 'GRU' && c.reset_after === false) {
    refuse(
      `layer "${l.name}" (GRU) has reset_after=False; our GRU is the reset_after=True form (Keras 2.3+ default, PyTorch's)`,
    );
  }
  return params;
}
