'use strict';
/**
 * One cloud function instance (a forked child of the emulator). Loads the bundle once and runs one
 * invocation at a time; the per-invocation WX_* / TCB_SOURCE variables are set before main() runs,
 * which is what cloud.getWXContext() reads.
 *
 * The emulator's clock (emulator/clock.ts) reaches the function through `Date`: each invocation carries
 * the clock's offset from real time, and `new Date()` / `Date.now()` / `Date()` here read real time plus
 * that offset, so product code follows a moved clock without knowing about it. Dates built from a value,
 * Date.parse/UTC, instanceof and timers (setTimeout) are untouched.
 */
const bundle = process.env.STRIVE_FUNCTION_BUNDLE;
let mod = null;
let clockOffsetMs = 0;

const RealDate = Date;
const now = () => RealDate.now() + clockOffsetMs;
globalThis.Date = new Proxy(RealDate, {
  construct(target, args, newTarget) {
    return Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget);
  },
  apply() {
    return new RealDate(now()).toString();
  },
  get(target, key, receiver) {
    return key === 'now' ? now : Reflect.get(target, key, receiver);
  },
});

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
  clockOffsetMs = Number.isInteger(msg.clockOffsetMs) ? msg.clockOffsetMs : 0;
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
