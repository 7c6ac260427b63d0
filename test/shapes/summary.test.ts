import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeGraph, formatCount, kerasShape, summaryTable } from '../../engine/shapes/index.ts';

describe('summaryTable', () => {
  it("prints the lecture's IMDb model like the slide's Keras summary, batch as None", () => {
    const doc = JSON.parse(
      readFileSync(new URL('../fixtures/lecture-imdb.json', import.meta.url), 'utf8'),
    );
    expect(summaryTable(analyzeGraph(doc))).toMatchInlineSnapshot(`
      "Model: "Seed IMDb classifier"
      ________________________________________________________________________
       Layer (type)                   Output Shape                    Param #
      ========================================================================
       in (Input)                     (None, 200)                           0
       emb (Embedding)                (None, 200, 128)              2,560,000
       lstm1 (Bidirectional LSTM)     (None, 200, 128)                 98,816
       lstm2 (Bidirectional LSTM)     (None, 128)                      98,816
       out (Dense)                    (None, 1)                           129
      ========================================================================
      Total params: 2,757,761
      Trainable params: 2,757,761
      Non-trainable params: 0
      ________________________________________________________________________"
    `);
  });

  it('formats counts and shapes', () => {
    expect([formatCount(0), formatCount(999), formatCount(1000), formatCount(2757761)]).toEqual([
      '0',
      '999',
      '1,000',
      '2,757,761',
    ]);
    expect([kerasShape([200, 128]), kerasShape([1]), kerasShape(null)]).toEqual([
      '(None, 200, 128)',
      '(None, 1)',
      '?',
    ]);
  });
});
