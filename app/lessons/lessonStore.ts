// State of the lesson view: its settings and the two side-by-side runs (vanilla RNN, LSTM).
import { create } from 'zustand';
import { exampleDefaults } from './presets.ts';

/** The two models of the vanishing-gradient lesson. */
export type LessonModel = 'rnn' | 'lstm';

/** One side of the comparison. */
export interface LessonRun {
  status: string;
  step: number;
  loss: number;
  /** training accuracy of the latest reported chunk of mini-batches */
  accuracy: number | undefined;
  /** validation accuracy at the end of the latest completed epoch */
  valAccuracy: number | undefined;
  /** ||dL/dh_t|| for t = 1..T from the latest report */
  norms: Float32Array | null;
  /** the same from the first report (step 1, before any learning) */
  firstNorms: Float32Array | null;
  /** accuracy of each reported chunk, with its step */
  accSteps: number[];
  acc: number[];
  message: string | null;
}

/** The lesson view's state. */
export interface LessonState {
  open: boolean;
  tab: 'vanishing' | 'exploding';
  length: number;
  /** the RNN's activation, or null to keep the example's */
  activation: 'tanh' | 'relu' | 'sigmoid' | null;
  /** the LSTM's forget-gate bias at init, or null to keep the example's */
  forgetBias: number | null;
  running: boolean;
  runs: Record<LessonModel, LessonRun>;
}

/** A run before its first report. */
export function emptyRun(): LessonRun {
  return {
    status: 'idle',
    step: 0,
    loss: Number.NaN,
    accuracy: undefined,
    valAccuracy: undefined,
    norms: null,
    firstNorms: null,
    accSteps: [],
    acc: [],
    message: null,
  };
}

/** The lesson store. Defaults keep the example pair as it is in examples/ (its length included: T = 50,
 *  where the RNN stays at chance for the whole run; docs/lesson-vanishing.md). */
export const useLesson = create<LessonState>(() => ({
  open: false,
  tab: 'vanishing',
  length: exampleDefaults().length,
  activation: null,
  forgetBias: null,
  running: false,
  runs: { rnn: emptyRun(), lstm: emptyRun() },
}));
