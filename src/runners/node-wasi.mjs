// Runs a WASI (preview1) module in Node.js's V8: node [V8 flags] node-wasi.mjs <module.wasm> [guest args...].
// The guest gets the process's stdin, stdout and stderr, its arguments, and nothing else: no environment variables and
// no preopened directories, like the suite's other runtimes. Its exit code becomes the process's.
import { writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
import { argv, exit } from 'node:process';

const [module, ...guestArgs] = argv.slice(2);
if (!module) {
  console.error('usage: node [V8 flags] node-wasi.mjs <module.wasm> [guest args...]');
  exit(64);
}
const wasi = new WASI({ version: 'preview1', args: [module, ...guestArgs], env: {}, preopens: {}, returnOnExit: true });
const loadStart = process.hrtime.bigint();
const compiled = await WebAssembly.compile(await readFile(module));
const instance = await WebAssembly.instantiate(compiled, wasi.getImportObject());
// The runner's own phase, for the report: read, compile, instantiate. One line on stderr, written before the guest
// starts: after a guest that used a lot of memory, Node 20's V8 may crash on anything the runner still allocates
// (README "Hostile input"), and a line written afterwards made that happen more often (SIGILL in two fuzz cases).
writeSync(2, `{"runner_us":{"module_load":${(process.hrtime.bigint() - loadStart) / 1000n}}}\n`);
exit(wasi.start(instance));
