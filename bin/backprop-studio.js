#!/usr/bin/env node
// Node 20 cannot strip TypeScript types, so register tsx's loader and run the TypeScript CLI.
// This keeps `npx backprop-studio` working right after `npm ci`, with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
