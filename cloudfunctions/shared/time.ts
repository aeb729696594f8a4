/** The server's day and the dates views carry, for every domain (instances run in UTC). */
import { shanghaiDay } from '../../types/time';

/** Today as a Shanghai calendar day, from the server clock. */
export function today(): string {
  return shanghaiDay(new Date());
}

/** Stored dates come back as Date (or EJSON-decoded strings); views carry ISO strings. */
export function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string' || typeof value === 'number') return new Date(value).toISOString();
  if (value && typeof value === 'object' && '$date' in value) return new Date((value as { $date: string | number }).$date).toISOString();
  return '';
}
