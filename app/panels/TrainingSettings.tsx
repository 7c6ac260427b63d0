// Graph-level training settings: dataset (+ options), loss, optimizer and its hyperparameters, batch
// mode, epochs, clipping, seed, validation split. Defaults come from the format's zod schema itself.
import { fieldsOf } from '../../graph-schema/fields.ts';
import {
  LIMITS,
  LossName,
  OPTIMIZER_DEFS,
  OPTIMIZER_TYPES,
  OptimizerConfig,
  type OptimizerType,
} from '../../graph-schema/schema.ts';
import { type ActionResult, runAction } from '../actions/registry.ts';
import { builtinDatasetIds, checkDatasetId } from '../data/datasetId.ts';
import { uploadFor } from '../data/uploads.ts';
import { defaultTraining } from '../model/graphOps.ts';
import { checkNumber, type FieldCheck } from '../model/paramSpecs.ts';
import { useStudio } from '../store/store.ts';
import { BoolField, CheckedField, SelectField } from './Fields.tsx';

type Training = ReturnType<typeof defaultTraining>;

/** The help line of an optimizer's hyperparameter: its `.meta({ help })` in graph-schema/optimizers.ts. */
function hyperHelp(type: string, key: string): string | undefined {
  const def = OPTIMIZER_DEFS[type as OptimizerType];
  return def ? fieldsOf(def).find((f) => f.key === key)?.help : undefined;
}

/** A typed hyperparameter checked by the format's own optimizer schema (one source of ranges). */
export function checkHyper(opt: Record<string, unknown>, key: string, raw: string): FieldCheck {
  const text = raw.trim();
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) return { ok: false, reason: `${key} must be a number` };
  const r = OptimizerConfig.safeParse({ ...opt, [key]: value });
  if (r.success) return { ok: true, value };
  const issue = r.error.issues.find((i) => i.path[0] === key) ?? r.error.issues[0];
  return { ok: false, reason: `${key} ${issue.message}` };
}

/** The graph-level settings section of the inspector. */
export function TrainingSettings() {
  const stored = useStudio((s) => s.graph.training);
  const t: Training = { ...defaultTraining(), ...stored } as Training;
  const set = (label: string, patch: Partial<Training>) =>
    runAction('setTraining', { label, training: { ...t, ...patch } as Training });
  const opt = t.optimizer as Record<string, unknown> & { type: string };
  return (
    <section className="panel-section" data-testid="training-settings">
      <h2>Training</h2>
      <CheckedField
        label="dataset"
        testId="train-dataset"
        value={t.dataset.id}
        hint={`e.g. ${builtinDatasetIds().join(', ')}`}
        check={(raw) => checkDatasetId(raw, (id) => uploadFor(id) !== null)}
        onCommit={(id) => set('Set dataset', { dataset: { ...t.dataset, id: String(id) } })}
      />
      <CheckedField
        label="dataset options"
        testId="train-dataset-options"
        value={JSON.stringify(t.dataset.options ?? {})}
        hint='JSON object, e.g. {"n": 500}'
        check={checkJsonObject}
        onCommit={(o) =>
          set('Set dataset options', { dataset: { ...t.dataset, options: o as Record<string, unknown> } })
        }
      />
      <SelectField
        label="loss"
        testId="train-loss"
        value={t.loss}
        options={LossName.options}
        hint="auto: softmax -> cross-entropy, sigmoid Dense(1) -> binary CE, else MSE"
        onCommit={(loss) => set('Set loss', { loss: loss as Training['loss'] })}
      />
      <SelectField
        label="optimizer"
        testId="train-optimizer"
        value={opt.type}
        options={OPTIMIZER_TYPES}
        onCommit={(type) => set('Set optimizer', { optimizer: OptimizerConfig.parse({ type }) })}
      />
      {Object.entries(opt)
        .filter(([k]) => k !== 'type')
        .map(([k, v]) =>
          typeof v === 'boolean' ? (
            <BoolField
              key={`${opt.type}:${k}`}
              label={k}
              testId={`train-opt-${k}`}
              value={v}
              onCommit={(b) => set(`Set ${k}`, { optimizer: { ...opt, [k]: b } as Training['optimizer'] })}
            />
          ) : (
            <CheckedField
              key={`${opt.type}:${k}`}
              label={k}
              testId={`train-opt-${k}`}
              value={String(v)}
              hint={hyperHelp(opt.type, k)}
              check={(raw) => checkHyper(opt, k, raw)}
              onCommit={(n) => set(`Set ${k}`, { optimizer: { ...opt, [k]: n } as Training['optimizer'] })}
            />
          ),
        )}
      <BatchFields t={t} set={set} />
      <ClipFields t={t} set={set} />
    </section>
  );
}

type Setter = (label: string, patch: Partial<Training>) => ActionResult | undefined;

function BatchFields({ t, set }: { t: Training; set: Setter }) {
  return (
    <>
      <BoolField
        label="full batch"
        testId="train-full-batch"
        value={t.batchSize === 'full'}
        hint="Batch gradient descent: every step sees the whole training set"
        onCommit={(full) => set('Set batch mode', { batchSize: full ? 'full' : 32 })}
      />
      {t.batchSize !== 'full' && (
        <CheckedField
          label="batch size"
          testId="train-batch-size"
          value={String(t.batchSize)}
          hint="1 = stochastic gradient descent"
          check={(raw) => checkNumber('batch size', raw, 1, LIMITS.maxBatch, true)}
          onCommit={(n) => set('Set batch size', { batchSize: n as number })}
        />
      )}
      <CheckedField
        label="epochs"
        testId="train-epochs"
        value={String(t.epochs)}
        check={(raw) => checkNumber('epochs', raw, 0, LIMITS.maxEpochs, true)}
        onCommit={(n) => set('Set epochs', { epochs: n as number })}
      />
      <CheckedField
        label="seed"
        testId="train-seed"
        value={String(t.seed)}
        hint="Same seed, same initial weights and batches"
        check={(raw) => checkNumber('seed', raw, 0, 2 ** 32 - 1, true)}
        onCommit={(n) => set('Set seed', { seed: n as number })}
      />
      <CheckedField
        label="validation split"
        testId="train-val-split"
        value={String(t.validationSplit ?? 0.1)}
        hint="Share of the data held out for validation"
        check={(raw) => checkNumber('validation split', raw, 0, 0.9, false)}
        onCommit={(n) => set('Set validation split', { validationSplit: n as number })}
      />
    </>
  );
}

function ClipFields({ t, set }: { t: Training; set: Setter }) {
  const mode = t.clip ? t.clip.type : 'none';
  return (
    <>
      <SelectField
        label="gradient clipping"
        testId="train-clip"
        value={mode}
        options={['none', 'norm', 'value']}
        hint="norm: rescale when the global norm exceeds max; value: clamp each entry"
        onCommit={(m) =>
          set('Set clipping', {
            clip: m === 'none' ? null : { type: m as 'norm' | 'value', max: t.clip?.max ?? 1 },
          })
        }
      />
      {t.clip && (
        <CheckedField
          label="clip max"
          testId="train-clip-max"
          value={String(t.clip.max)}
          check={(raw) => checkNumber('clip max', raw, 1e-8, 1e6, false)}
          onCommit={(n) => set('Set clip max', { clip: { ...t.clip!, max: n as number } })}
        />
      )}
    </>
  );
}

function checkJsonObject(raw: string): FieldCheck {
  try {
    const v = JSON.parse(raw);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return { ok: true, value: v };
  } catch {
    // fall through to the message
  }
  return { ok: false, reason: 'options must be a JSON object, e.g. {} or {"n": 500}' };
}
