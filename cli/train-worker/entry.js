// Worker threads do not inherit the main thread's tsx loader (bin/backprop-studio.js registers it
// there): register it in this thread too, then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
