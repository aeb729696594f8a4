/** Type guards both sides need (the app's cloud client and the emulator read untyped JSON). */

/** A plain object: what a JSON body or an envelope must be. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
