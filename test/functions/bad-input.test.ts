/**
 * Bad input as an attacker would send it: control characters in free-text fields and ids are refused by
 * the one shared text schema (cloudfunctions/shared/fields.ts) with INVALID_ARGUMENT naming the field by
 * its Chinese label, before any handler runs, so nothing is written. A NUL once reached the database's
 * regex and answered INTERNAL.
 */
import type { Envelope } from '../../types/envelope';
import type { MemberView } from '../../types/roster';
import { seededEmulator, type CallResult, okData, errorCode, ADMIN, GS } from '../support/emulator';

const env = seededEmulator();
const call: typeof env.emu.call = (...args) => env.emu.call(...args);
const count = (coll: string, where?: Record<string, unknown>) => env.count(coll, where);

const NUL = '\u0000';

function refusal(res: CallResult): Extract<Envelope<unknown>, { ok: false }> {
  if (!res.result || res.result.ok) throw new Error(`expected a refusal: ${JSON.stringify(res.body)}`);
  return res.result;
}

describe('control characters in free text', () => {
  it('roster.listMembers: a NUL in the keyword is INVALID_ARGUMENT naming 关键词, not INTERNAL', async () => {
    const res = refusal(await call('roster', 'listMembers', { orgId: 'org-cs', keyword: `张${NUL}` }, ADMIN));
    expect(res).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'keyword', message: '关键词：不能包含控制字符' });
    // Other control characters too, and regex syntax is taken literally rather than breaking the query.
    expect(refusal(await call('roster', 'listMembers', { orgId: 'org-cs', keyword: 'a\u001bb' }, ADMIN)).field).toBe('keyword');
    const literal = okData(
      await call<{ items: MemberView[]; total: number }>('roster', 'listMembers', { orgId: 'org-cs', keyword: '.*(' }, ADMIN),
    );
    expect(literal.total).toBe(0);
  });

  it('org.createOrg: the name is refused and no org or audit entry is written', async () => {
    const [orgs, audit] = [await count('orgs'), await count('audit')];
    const res = refusal(await call('org', 'createOrg', { parentId: 'org-cs', name: `新${NUL}支部` }, ADMIN));
    expect(res).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'name', message: '组织名称：不能包含控制字符' });
    expect([await count('orgs'), await count('audit')]).toEqual([orgs, audit]);
  });

  it('account.bind and requestRelease: name and note are refused before any attempt is counted', async () => {
    const bind = refusal(await call('account', 'bind', { studentNo: '2023010120', name: `王${NUL}` }, 'wx-nul'));
    expect(bind).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'name', message: '姓名：不能包含控制字符' });
    const note = refusal(
      await call('account', 'requestRelease', { studentNo: '2023010101', name: '某某', note: `换手机${NUL}` }, 'wx-nul'),
    );
    expect(note).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'note', message: '说明：不能包含控制字符' });
    expect(await count('bindAttempts', { _id: 'wx-nul' })).toBe(0);
    expect(await count('releaseRequests', { requesterOpenid: 'wx-nul' })).toBe(0);
  });

  it('campaign.recordMeeting: a NUL in the summary is refused; line breaks in multi-line text are kept', async () => {
    const meeting = { orgId: 'org-cs', date: '2026-11-20', place: '学院报告厅', attendance: 80, photos: [] };
    const before = await count('meetings');
    const res = refusal(await call('campaign', 'recordMeeting', { ...meeting, summary: `动员部署${NUL}会议` }, GS));
    expect(res).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'summary', message: '会议纪要：不能包含控制字符' });
    expect(await count('meetings')).toBe(before);
    const ok = okData(
      await call<{ summary: string }>('campaign', 'recordMeeting', { ...meeting, summary: '一、传达精神\r\n二、部署\t安排' }, GS),
    );
    expect(ok.summary).toBe('一、传达精神\r\n二、部署\t安排');
  });

  it('campaign.saveCampaign and pledge.sign: nested fields are named by their label and path', async () => {
    const save = refusal(await call('campaign', 'saveCampaign', { campaign: { title: `活动\u0007` } }, ADMIN));
    expect(save).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'campaign.title', message: '活动名称：不能包含控制字符' });
    const items = { conviction: [`坚定${NUL}信念`], study: [], results: [], morals: [] };
    const sign = refusal(
      await call('pledge', 'sign', { scene: 'k=AAAAAAAAAAAA', items, signature: { kind: 'name', name: '某' } }, 'demo-2023010104'),
    );
    expect(sign).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'items.conviction.0', message: '承诺内容：不能包含控制字符' });
  });

  it('ids are trimmed and refuse control characters too', async () => {
    const res = refusal(await call('org', 'detail', { orgId: `org-cs${NUL}` }, ADMIN));
    expect(res).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'orgId', message: '组织：不能包含控制字符' });
    expect(errorCode(await call('org', 'detail', { orgId: ' org-cs ' }, ADMIN))).toBe('OK');
  });
});
