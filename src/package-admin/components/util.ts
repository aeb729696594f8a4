/** Org-level helpers of the management screens. */
import { ORG_LEVEL_NAMES, type OrgLevel } from '@contract/models';

/** One character for the level badge. */
export const LEVEL_BADGE: Record<OrgLevel, string> = { committee: '委', general: '总', branch: '支', group: '组' };

export function levelName(level: OrgLevel): string {
  return ORG_LEVEL_NAMES[level];
}

/** The level a child of this level has, or null for groups (no children). */
export function childLevel(level: OrgLevel): OrgLevel | null {
  if (level === 'committee') return 'general';
  if (level === 'general') return 'branch';
  if (level === 'branch') return 'group';
  return null;
}
