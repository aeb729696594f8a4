/**
 * subscribeMessage.send refuses what WeChat refuses, through the real wx-server-sdk (cloud.openapi).
 *
 * WeChat's rules (developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html,
 * and the older …/api-backend/open-api/subscribe-message/subscribeMessage.send.html table of errcodes):
 * 40003 touser empty or not an openid; 40037 template id wrong; 43101 "用户拒绝接受消息" (no one-time consent left:
 * each accept allows one send); 47003 "模板参数不准确，可能为空或者不满足规则" — thing ≤ 20 characters, phrase ≤ 5
 * Han characters, name ≤ 10 Han characters, character_string ≤ 32 letters/digits/symbols, time a formatted time;
 * 41030 page not in the released mini program (must match app.json). wx.requestSubscribeMessage takes 1–3 template
 * ids and answers { errMsg, [tmplId]: 'accept' | 'reject' | 'ban' | 'filter' }.
 */
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { callApp, makeTempDirs, request, writeFunction, type TempDirs } from './support';

jest.setTimeout(60_000);

let dirs: TempDirs;
let emu: RunningEmulator;

beforeAll(async () => {
  dirs = makeTempDirs('subscribe');
  writeFunction(
    dirs.functionsDir,
    'wx',
    `try { return await cloud.openapi.subscribeMessage.send(event.message); } catch (e) { return { errCode: e.errCode, errMsg: e.errMsg }; }`,
    { permissions: { openapi: ['subscribeMessage.send'] } },
  );
  emu = await startEmulator({ dataDir: dirs.dataDir, functionsDir: dirs.functionsDir });
});

afterAll(async () => {
  await emu.close();
  dirs.cleanup();
});

const STAGE = 'local-tmpl-stage'; // thing1, phrase2, date3, thing4
const TASK = 'local-tmpl-task'; // thing1, thing2, name3, time4
const RESULT = 'local-tmpl-result'; // thing1, phrase2, character_string3, thing4

type Reply = { errCode: number; errMsg?: string; msgid?: string };
const send = async (message: Record<string, unknown>): Promise<Reply> =>
  (await callApp<{ result: Reply }>(emu.url, 'wx', { message })).body.result;
const accept = (openid: string, tmplIds: string[], answers?: Record<string, string>) =>
  request<Record<string, string>>(`${emu.url}/api/_emulator/subscribe`, {
    body: { tmplIds, answers },
    headers: { 'x-strive-openid': openid },
  });
const credits = async (openid: string) =>
  (await request<{ credits: Record<string, number> }>(`${emu.url}/api/_emulator/subscribe?touser=${openid}`)).body.credits;
const v = (value: string) => ({ value });
const stageData = { thing1: v('党团共建创先争优'), phrase2: v('公开承诺'), date3: v('2026年12月7日'), thing4: v('请按时签署承诺') };

test('each accept allows one send: accept twice → two sends, the third is 43101 and spends nothing', async () => {
  const reply = await accept('u-count', [STAGE, STAGE]);
  expect(reply.body).toEqual({ errMsg: 'requestSubscribeMessage:ok', [STAGE]: 'accept' });
  expect((await credits('u-count'))[STAGE]).toBe(2);
  const message = { touser: 'u-count', templateId: STAGE, page: 'pages/home/index', data: stageData };
  expect((await send(message)).errCode).toBe(0);
  expect((await send(message)).errCode).toBe(0);
  expect((await send(message)).errCode).toBe(43101);
  expect((await credits('u-count'))[STAGE]).toBe(0);
});

test('the consent stand-in: reject and ban grant nothing, unknown templates are filtered, 1–3 ids, signed in only', async () => {
  const reply = await accept('u-popup', [STAGE, TASK, 'not-ours'], { [TASK]: 'reject' });
  expect(reply.body).toMatchObject({ [STAGE]: 'accept', [TASK]: 'reject', 'not-ours': 'filter' });
  expect(await credits('u-popup')).toMatchObject({ [STAGE]: 1, [TASK]: 0 });
  expect((await accept('u-popup', [STAGE, TASK, RESULT, STAGE])).status).toBe(400);
  expect((await request(`${emu.url}/api/_emulator/subscribe`, { body: { tmplIds: [STAGE] } })).status).toBe(401);
});

test('unknown openid (40003), unknown template (40037) and a page not in the app (41030) are refused before a consent is spent', async () => {
  await accept('u-refuse', [STAGE]);
  expect((await send({ touser: '', templateId: STAGE, data: stageData })).errCode).toBe(40003);
  expect((await send({ touser: 'u-refuse', templateId: 'tpl-unknown', data: stageData })).errCode).toBe(40037);
  expect((await send({ touser: 'u-refuse', templateId: STAGE, page: 'pages/nope/index', data: stageData })).errCode).toBe(41030);
  // A query is allowed on a real page.
  expect((await send({ touser: 'u-refuse', templateId: STAGE, page: 'pages/home/index?from=msg', data: stageData })).errCode).toBe(0);
});

describe('47003: each keyword type at and over its limit', () => {
  const cases: [string, string, Record<string, { value: string }>, Record<string, { value: string }>][] = [
    ['thing ≤ 20 characters', STAGE, { ...stageData, thing1: v('一'.repeat(20)) }, { ...stageData, thing1: v('一'.repeat(21)) }],
    ['phrase ≤ 5 Han characters', STAGE, { ...stageData, phrase2: v('点评总结中') }, { ...stageData, phrase2: v('点评总结进行') }],
    ['phrase is Han only', STAGE, { ...stageData, phrase2: v('评议') }, { ...stageData, phrase2: v('OK') }],
    [
      'name ≤ 10 Han characters',
      TASK,
      { thing1: v('签署承诺'), thing2: v('计科2301班'), name3: v('欧阳'.repeat(5)), time4: v('2026年12月7日 08:00') },
      { thing1: v('签署承诺'), thing2: v('计科2301班'), name3: v('欧阳'.repeat(5) + '娜'), time4: v('2026年12月7日 08:00') },
    ],
    [
      'character_string ≤ 32',
      RESULT,
      { thing1: v('评议结果'), phrase2: v('已公布'), character_string3: v('A'.repeat(32)), thing4: v('请查看') },
      { thing1: v('评议结果'), phrase2: v('已公布'), character_string3: v('A'.repeat(33)), thing4: v('请查看') },
    ],
    [
      'time is a formatted time',
      TASK,
      { thing1: v('签署承诺'), thing2: v('计科2301班'), name3: v('张三'), time4: v('2026年12月7日 08:00') },
      { thing1: v('签署承诺'), thing2: v('计科2301班'), name3: v('张三'), time4: v('明天早上') },
    ],
    ['a keyword the template lacks', STAGE, stageData, { ...stageData, thing9: v('多余') }],
  ];
  test.each(cases)('%s', async (_name, templateId, ok, bad) => {
    const openid = `u-kw-${templateId}`;
    await accept(openid, [templateId]);
    const refused = await send({ touser: openid, templateId, data: bad });
    expect(refused.errCode).toBe(47003);
    expect(refused.errMsg).toMatch(/argument invalid! data\./);
    expect((await send({ touser: openid, templateId, data: ok })).errCode).toBe(0);
  });
});

test('the consents survive a restart', async () => {
  await accept('u-restart', [RESULT, RESULT]);
  await emu.close();
  emu = await startEmulator({ dataDir: dirs.dataDir, functionsDir: dirs.functionsDir });
  expect((await credits('u-restart'))[RESULT]).toBe(2);
});
