/** What the evaluation actions share: the ballot key, who votes on what, and the view of an evaluation. */
import { createHmac, randomBytes, randomInt } from 'crypto';
import { statusOf, type Evaluation, type EvaluationTarget, type EvaluationView } from '../../types/evaluate';
import type { Member } from '../../types/models';
import type { Caller } from '../shared/caller';
import { iso } from '../shared/time';

/** Roles that open, edit and close evaluations (over the organiser). */
export const ORGANISERS = ['admin', 'generalSecretary'] as const;

/**
 * The marker id of a voter's ballot: HMAC-SHA256 with the function's secret (environment BALLOT_SECRET, set at
 * deploy; the emulator generates one per data directory). Without the secret nobody can tell whose marker it is.
 */
export function markerIdOf(evaluationId: string, memberId: string): string {
  const secret = process.env.BALLOT_SECRET ?? '';
  if (secret.length < 32) throw new Error('BALLOT_SECRET is not set (at least 32 characters) in the evaluate function environment');
  return createHmac('sha256', secret).update(`${evaluationId}\n${memberId}`).digest('hex');
}

/** A stored ballot's id: random, so it carries no order. */
export const ballotIdOf = (): string => randomBytes(16).toString('hex');

const RECEIPT_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** A receipt code a person can copy: 12 random characters without look-alikes, in groups of four. */
export function newReceipt(): string {
  const chars = Array.from({ length: 12 }, () => RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/**
 * The targets a member's ballot covers and the unit their vote counts under in turnout: in 'own' the target they
 * belong to (the ballot names it anyway); in 'all' every target, all counted under the organiser. A marker never
 * says more than its ballot: markers and ballots are stored in the same order, so a marker that named the voter's
 * branch would tell, to whoever reads the database in stored order, which branch each 'all' ballot came from.
 */
export function ballotOf(e: Evaluation, member: Pick<Member, 'orgPath'> | null): { targets: EvaluationTarget[]; unitId: string } | null {
  if (!member) return null;
  const own = e.targets.find((t) => member.orgPath.includes(t.id));
  if (e.electorate === 'own') return own ? { targets: [own], unitId: own.id } : null;
  return member.orgPath.includes(e.organiserId) ? { targets: e.targets, unitId: e.organiserId } : null;
}

/** The caller may edit or close it: an admin or general secretary whose grant covers the organiser. */
export function mayManage(e: Evaluation, caller: Caller): boolean {
  return caller.grants.some((g) => (ORGANISERS as readonly string[]).includes(g.role) && e.organiserPath.includes(g.orgId));
}

export function viewOf(e: Evaluation, caller: Caller, voted: boolean | null, now = new Date()): EvaluationView {
  const mine = ballotOf(e, caller.member);
  return {
    id: e._id,
    title: e.title,
    organiserId: e.organiserId,
    organiserName: e.organiserName,
    targets: e.targets,
    form: e.form,
    electorate: e.electorate,
    start: e.start,
    end: e.end,
    opensAt: iso(e.opensAt),
    closesAt: iso(e.closesAt),
    status: statusOf(e, now),
    closedEarly: e.closedEarly,
    voted: mine ? voted : null,
    myTargets: mine?.targets ?? [],
    manageable: mayManage(e, caller),
  };
}
