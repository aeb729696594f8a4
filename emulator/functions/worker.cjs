'use strict';
/**
 * One cloud function instance (a forked child of the emulator). Loads the bundle once and runs one
 * invocation at a time; the per-invocation WX_* / TCB_SOURCE variables are set before main() runs,
 * which is what cloud.getWXContext() reads.
 */
const bundle = process.env.STRIVE_FUNCTION_BUNDLE;
let mod = null;

function send(message) {
  if (process.send) process.send(message);
}

function describe(err) {
  if (err instanceof Error) {
    return { message: err.message, stack: err.stack || '', errCode: err.errCode };
  }
  if (err && typeof err === 'object') {
    const message = err.errMsg || err.message || JSON.stringify(err);
    return { message: String(message), stack: '', errCode: err.errCode };
  }
  return { message: String(err), stack: '' };
}

process.on('message', async (msg) => {
  if (!msg || msg.type !== 'invoke') return;
  for (const [key, value] of Object.entries(msg.env)) process.env[key] = value;
  try {
    if (!mod) mod = require(bundle);
    const main = typeof mod.main === 'function' ? mod.main : mod.default && mod.default.main;
    if (typeof main !== 'function') throw new Error(`${bundle} does not export main(event, context)`);
    const result = await main(msg.event, msg.context);
    send({ type: 'result', id: msg.id, result: result === undefined ? null : result });
  } catch (err) {
    send({ type: 'error', id: msg.id, error: describe(err) });
  }
});

send({ type: 'ready' });
