// A teacher's challenge, carried inside the graph (so a file or share link brings it along): controls to
// hide, nodes and params the student cannot change, an optional goal, and the lesson step it belongs to.
// Old graphs have no `challenge` key and are unaffected; the key is optional in format version 1.
import { z } from 'zod';

/** Parts of the app a challenge can hide. */
export const HIDEABLE = ['palette', 'inspector', 'json', 'training-settings'] as const;

const nodeId = z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/, { error: 'must be a node id' });

export const ChallengeGoal = z.strictObject({
  /** the metric to reach: validation accuracy (default) or training accuracy */
  metric: z.enum(['valAccuracy', 'accuracy']).default('valAccuracy'),
  /** at least this value, in [0, 1] */
  atLeast: z.number().finite().min(0).max(1),
  /** with at most this many parameters (Keras count) */
  maxParams: z.number().int().min(1).max(1e10).optional(),
});

export const Challenge = z.strictObject({
  title: z.string().trim().min(1).max(120),
  /** the lesson step the link opens beside the graph (1-based step) */
  lesson: z.strictObject({ id: z.string().max(64), step: z.number().int().min(1).max(30) }).optional(),
  hide: z.array(z.enum(HIDEABLE)).max(HIDEABLE.length).default([]),
  /** nodes that cannot be edited or deleted (moving them is fine) */
  lockedNodes: z.array(nodeId).max(500).default([]),
  /** node id -> params of that node that cannot change */
  lockedParams: z.record(nodeId, z.array(z.string().max(64)).max(50)).default({}),
  goal: ChallengeGoal.optional(),
});

export type Challenge = z.infer<typeof Challenge>;
export type ChallengeGoal = z.infer<typeof ChallengeGoal>;
export type Hideable = (typeof HIDEABLE)[number];
