// The lesson's captions, in our own words, carrying the lecture's argument: backprop through time is the
// chain rule applied once per step, so the gradient that reaches early steps is a long product of local
// derivatives; the LSTM adds a path where that product need not shrink.

/** Captions for the vanishing-gradient lesson, given the RNN activation chosen. */
export function VanishingCaptions({
  activation,
  length,
  forgetBias,
}: {
  activation: string;
  length: number;
  forgetBias: number;
}) {
  const steps = length - 1;
  const f = 1 / (1 + Math.exp(-forgetBias));
  const bias = Number(forgetBias.toFixed(2));
  const chrono = length > 2 && Math.abs(forgetBias - Math.log(length - 1)) < 0.01;
  return (
    <div className="lesson-captions" data-testid="lesson-captions">
      <p>
        <strong>The chain rule multiplies.</strong> Backpropagation through time reaches h<sub>1</sub> only by
        passing back through every later step: ∂L/∂h<sub>1</sub> = ∂L/∂h<sub>T</sub> · ∂h<sub>T</sub>/∂h
        <sub>T−1</sub> · … · ∂h<sub>2</sub>/∂h<sub>1</sub>. Each factor is the activation's slope times the
        recurrent weights, so {steps} factors below 1 shrink the signal geometrically, and factors above 1
        blow it up.
      </p>
      {activation === 'sigmoid' && (
        <p>
          <strong>Sigmoid's slope is at most 0.25</strong> (at 0, and less everywhere else). Unless the
          weights make up for it, every step back keeps at most a quarter of the gradient: 0.25
          <sup>{steps}</sup> ≈ {(0.25 ** steps).toExponential(0)}. The first token can hardly teach the RNN
          anything.
        </p>
      )}
      {activation === 'tanh' && (
        <p>
          <strong>tanh's slope is at most 1</strong>, reached only at 0, so whether the product shrinks is up
          to the recurrent weights: with small ones (PyTorch's default, uniform ±1/√units) every step back
          loses a factor and the early steps fade; an orthogonal recurrent matrix (Keras's default) keeps the
          product near 1 at first, which is itself a cure, and then the RNN can learn short sequences. The
          curves show which case this graph is in.
        </p>
      )}
      {activation === 'relu' && (
        <p>
          <strong>ReLU's slope is 0 or 1</strong>: it never shrinks an active unit's gradient, but it never
          limits growth either, so the recurrent weights alone decide whether the product vanishes or
          explodes. See the exploding-gradient lesson.
        </p>
      )}
      <p>
        <strong>The LSTM adds instead of replacing.</strong> Its cell state is updated as c<sub>t</sub> = f
        <sub>t</sub> ⊙ c<sub>t−1</sub> + i<sub>t</sub> ⊙ c̃<sub>t</sub>. Along that path the local derivative
        is just the forget gate f<sub>t</sub>, which the network can learn to keep near 1, so the gradient to
        early steps does not have to pass through a squashing slope at every step.
      </p>
      <p>
        <strong>Until it has learned that, the forget gate sets the pace.</strong> With a forget-gate bias of{' '}
        {bias} the gate starts near σ({bias}) ≈ {f.toFixed(2)}
        {chrono ? ' (the chrono rule, ln(T−1): a memory of about T steps)' : ''}, so the cell path alone keeps
        about {f.toFixed(2)}
        <sup>{steps}</sup> ≈ {(f ** steps).toExponential(0)} of the gradient over {steps} steps.
        {forgetBias <= 1
          ? ' Try a bias of 3: the early gradient then holds and the LSTM learns recall within a few dozen steps.'
          : ' That is why this LSTM can learn the first token quickly.'}
      </p>
      <p>
        <strong>Read the gradients at step 1.</strong> The cards' headline gradients are from the first
        update, before either model has learned anything. At 50 steps (the default) the RNN's early gradient
        is 1e-11 to 1e-16 of its last step's (14 seeds) and it stays at chance (20-30% validation accuracy)
        for the whole 5-epoch run, while the LSTM reaches 100% within about 150 updates on 12 of those 14
        seeds. At 30 steps the RNN's gradient is tiny but not zero: in a 30-epoch run it finds a memory of its
        own after roughly 900 to 1,650 updates (docs/lesson-vanishing.md). Once the LSTM has learned, its loss
        is almost zero, so its latest gradients are small everywhere: that is a model with nothing left to
        learn, not a vanishing gradient.
      </p>
    </div>
  );
}

/** Captions for the exploding-gradient lesson (numbers measured in test/lessons/claims.test.ts). */
export function ExplodingCaptions() {
  return (
    <div className="lesson-captions">
      <p>
        <strong>The same product can grow.</strong> This ReLU RNN reads 10 tokens and must recall the first,
        with plain SGD at a learning rate of 0.2. ReLU's slope is 1 on active units, so nothing damps the
        product of recurrent weights: the gradient grows with the distance in time, one update throws the
        weights far, and the next forward pass overflows. At this seed the loss runs away within a few
        updates; the app stops, restores the last good weights and marks the node where the blow-up shows.
        Whether one unclipped run fails is luck: over seeds 1 to 12 we measured 6 blowing up, 3 stuck at
        chance, 2 learning part of the task and 1 learning it.
      </p>
      <p>
        <strong>Clipping caps the step, not the direction.</strong> Clipping by norm rescales the whole
        gradient when its length exceeds a maximum; clipping by value cuts each component to ±max. One bad
        batch can no longer throw the weights far, and with either clip (norm 1 or value 0.1) the same network
        learns the task: 100% validation accuracy within 600 updates on all 12 of those seeds.
      </p>
    </div>
  );
}
