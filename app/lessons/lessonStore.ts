// State of the lesson view: its settings and the two side-by-side runs (vanilla RNN, LSTM).
import { create } from 'zustand';

/** The two models of the vanishing-gradient lesson. */
export type LessonModel = 'rnn' | 'lstm';

/** One side of the comparison. */
export interface LessonRun {
  status: string;
  step: number;
  loss: number;
  accuracy: number | undefined;
  /** ||dL/dh_t|| for t = 1..T from the latest report */
  norms: Float32Array | null;
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
  activation: 'tanh' | 'relu' | 'sigmoid';
  /** the LSTM's forget-gate bias at init (the example pair uses Keras's 1) */
  forgetBias: number;
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
    norms: null,
    accSteps: [],
    acc: [],
    message: null,
  };
}

/** The lesson store. Sigmoid is the default: it is the lecture's example (slope at most 0.25). */
export const useLesson = create<LessonState>(() => ({
  open: false,
  tab: 'vanishing',
  length: 30,
  activation: 'sigmoid',
  forgetBias: 1,
  running: false,
  runs: { rnn: emptyRun(), lstm: emptyRun() },
}));
