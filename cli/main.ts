// Entry point of `backprop-studio` (bin/backprop-studio.js imports this file through tsx).
import { EXIT } from './command.ts';
import { runCli } from './run.ts';

// Output may be piped into `head`: a closed pipe is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
}
const internal = (e: unknown) => {
  process.stderr.write(`internal error: ${(e as Error)?.message ?? String(e)}\n`);
  process.exit(EXIT.internal);
};
process.on('uncaughtException', internal);
process.on('unhandledRejection', internal);

process.exitCode = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
