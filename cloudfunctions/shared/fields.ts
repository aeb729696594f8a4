import { z } from 'zod';

/** Payload building blocks shared by the domains: ids and display names. */
export const id = z.string().min(1).max(64);
export const displayName = z.string().trim().min(1).max(30);
