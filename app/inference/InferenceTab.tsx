// The "Try it" bottom tab: what the model does with an input, chosen by the loaded data: a decision map for
// 2D points, next-token table and sampling for a language model, a probability for a text classifier.
import { useTraining } from '../training/store.ts';
import { DecisionMap } from './DecisionMap.tsx';
import { NextTokenPanel, TextClassifierPanel } from './TextPanels.tsx';

/** The tab. */
export default function InferenceTab() {
  const info = useTraining((s) => s.info);
  if (!info) {
    return (
      <div className="inference-tab muted small" data-testid="inference-empty">
        Train (or Step) first: the panel then shows what the model does with your input.
      </div>
    );
  }
  let body = (
    <div className="muted small">
      No interactive view for this kind of data yet: the loss chart shows training.
    </div>
  );
  if (info.inputShape.length === 1 && info.inputShape[0] === 2) body = <DecisionMap />;
  else if (info.task === 'language-model') body = <NextTokenPanel />;
  else if (info.tokenizer === 'word' && (info.task === 'binary' || info.task === 'classification'))
    body = <TextClassifierPanel />;
  return (
    <div className="inference-tab" data-testid="inference-tab">
      {body}
    </div>
  );
}
