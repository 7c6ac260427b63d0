// A teacher's challenge: set in the dialog (hide controls, lock a node and a param, a goal, the lesson
// step), carried by its share link; the link opens with controls hidden, locks visible and enforced, the
// lesson step beside the graph; the goal is not met before training and is reported once it is.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openApp, poll, Ui } from './helpers.ts';
import { openTrainingTab } from './training-helpers.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test('a challenge link opens with controls hidden, nodes locked, the lesson step, and a goal that fires when met', async () => {
  // The teacher: open the lesson, write the challenge, copy its link.
  const teacher = await openApp(browser);
  const tp = teacher.page;
  await tp.getByTestId('lessons-menu').click();
  await tp.getByTestId('lesson-single-hidden-layer').click();
  await tp.getByTestId('lesson-player').waitFor({ timeout: 60_000 });
  await tp.getByTestId('lessons-menu').click();
  await tp.getByTestId('challenge-edit').click();
  await tp.getByTestId('challenge-title').fill('Spirals, few weights');
  await tp.getByTestId('challenge-hide-palette').check();
  await tp.getByTestId('challenge-hide-json').check();
  await tp.getByTestId('challenge-lock-logits').check();
  await tp.getByTestId('challenge-lock-params-hidden').fill('activation');
  await tp.getByTestId('challenge-goal-on').check();
  await tp.getByTestId('challenge-goal-metric').selectOption('accuracy');
  await tp.getByTestId('challenge-goal-atleast').fill('85');
  await tp.getByTestId('challenge-goal-maxparams').fill('5000');
  await tp.getByTestId('challenge-with-lesson').check();
  await tp.getByTestId('challenge-copy-link').click();
  const link = await tp.getByTestId('challenge-link').inputValue();
  expect(link).toMatch(/#g=/);
  await teacher.context.close();

  // The student: a fresh browser profile opens the link.
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(link);
  await page.getByTestId('app').waitFor({ timeout: 60_000 });
  const ui = new Ui(page);
  await poll(() => page.getByTestId('graph-title').textContent()).toBe('Single hidden layer on two spirals');
  expect(await page.getByTestId('palette-Dense').count()).toBe(0);
  expect(await page.getByTestId('tab-json').isVisible()).toBe(false);
  await page.getByTestId('node-lock-logits').waitFor({ timeout: 60_000 });
  expect(await page.getByTestId('node-lock-hidden').textContent()).toMatch(/activation/);
  const player = page.getByTestId('lesson-player');
  await player.waitFor({ timeout: 60_000 });
  expect(await player.getAttribute('data-lesson')).toBe('single-hidden-layer');
  expect(await player.getAttribute('data-step')).toBe('1');

  // Locks hold: deleting the locked node is refused with the reason; the graph keeps it.
  await ui.select('logits');
  await ui.press('Delete');
  expect(await ui.toast()).toMatch(/node "logits" is locked by the challenge/);
  expect(await ui.node('logits').count()).toBe(1);
  // The locked param cannot change; another param of the same node can.
  await ui.select('hidden');
  await ui.setParam('activation', 'relu');
  await poll(() => ui.toast()).toMatch(/"activation" of node "hidden" is locked/);
  expect(await page.getByTestId('param-activation').inputValue()).toBe('sigmoid');
  await ui.screenshot('challenge-student-1280');

  // The goal: not met before training; met (and said so) once training accuracy reaches 85%.
  const goal = page.getByTestId('goal-status');
  expect(await goal.getAttribute('data-met')).toBe('false');
  await openTrainingTab(page);
  await page.getByTestId('train-start').click();
  await expect.poll(() => goal.getAttribute('data-met'), { timeout: 90_000, interval: 200 }).toBe('true');
  expect(await goal.textContent()).toMatch(/goal reached at step \d+/);
  expect(errors).toEqual([]);
  await context.close();
});
