/** One JSON line per event, so the cloud console (and tests) can search by requestId. Stacks stay here. */
type Level = 'info' | 'warn' | 'error';

export function log(level: Level, event: string, fields: Record<string, unknown>): void {
  const line = JSON.stringify({ level, event, at: new Date().toISOString(), ...fields });
  if (level === 'error') console.error(line);
  else if (process.env.STRIVE_LOG === '1' || level === 'warn') console.log(line);
}

export function newRequestId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
