/**
 * @strive-emulator
 *
 * Every page of dist/weapp, opened in miniprogram-simulate as each persona (personas.ts) with the demo
 * data, its wx.cloud calls answered by the emulator (cloud-bridge.ts): the page must show what
 * pages.ts expects — real content, or the persona's refusal — with nothing still loading, no render
 * error and no console.error (React and Taro report errors there). An unhandled promise rejection fails
 * the running test by itself: jest-circus listens for them while the file runs.
 */
import type { EvaluationView } from '../../types/evaluate';
import type { SessionView } from '../../types/pledge';
import { pageRoutes, readAppJson } from './app-json';
import { callAs, emulatorCloud } from './cloud-bridge';
import { EVALUATION_TITLE, PAGES, type Expectation, type Live } from './pages';
import { DEMO, PERSONAS, PERSONA_KEYS, type PersonaKey } from './personas';
import { assertBuilt, host, installHost, launchApp, openPage, settled, waitFor } from './weapp-host';

assertBuilt();
jest.setTimeout(30_000);
installHost();
let openid = '';
host.backend = emulatorCloud(() => openid);

const app = readAppJson();
const routes = pageRoutes(app);
launchApp(routes[0]);

const live: Live = { scene: '', evaluationId: '' };
beforeAll(async () => {
  const session = await callAs<SessionView>(PERSONAS.secretary.openid, 'pledge', 'openSession', {
    branchId: DEMO.branch._id,
    roundKey: DEMO.campaign.rounds[0].key,
  });
  live.scene = session.scene;
  // 进度看板 shows what the roll-up holds: count it once now, as its timer does every minute.
  await callAs(PERSONAS.admin.openid, 'dashboard', 'refresh', {});
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const children = DEMO.data.orgs.filter((o) => o.parentId === DEMO.college._id && !o.archived).map((o) => o._id);
  const evaluation = await callAs<EvaluationView>(PERSONAS.generalSecretary.openid, 'evaluate', 'createEvaluation', {
    organiserId: DEMO.college._id,
    title: EVALUATION_TITLE,
    targetIds: children,
    form: 'choice',
    electorate: 'own',
    start: today,
    end: today,
  });
  live.evaluationId = evaluation.id;
});

test('pages.ts has one row per page of app.json', () => {
  expect(Object.keys(PAGES).sort()).toEqual([...routes].sort());
});

const LOADING = '加载中…';
const CRASHED = '页面出错了';

let rendered = 0;
const states = { content: 0, refusal: 0, 'local-only': 0 };

async function render(route: string, persona: PersonaKey, expectation: Expectation): Promise<void> {
  openid = PERSONAS[persona].openid;
  host.calls = [];
  host.callFailures = [];
  host.navigations = [];
  host.consoleErrors = [];
  const page = openPage(route, expectation.query);
  const missing = () => expectation.shows.filter((text) => !page.text().includes(text));
  const loaded = () => missing().length === 0 && !page.text().includes(LOADING);
  const explain = () => `${JSON.stringify(missing())} to show; the page reads: ${page.text().slice(0, 1200)}`;
  try {
    await waitFor(loaded, explain);
    await settled();
    // What shows once every call has settled (a late answer may still replace it).
    await waitFor(loaded, explain);
    expect(page.text()).not.toContain(CRASHED);
    await expectation.check?.(page, host.navigations);
    expect(host.consoleErrors).toEqual([]);
    rendered += 1;
    states[expectation.state ?? 'content'] += 1;
  } finally {
    await page.close();
  }
}

const preview: Live = { scene: '(from beforeAll)', evaluationId: '(from beforeAll)' };
describe.each(routes)('%s', (route) => {
  const row = PAGES[route];
  const cases = PERSONA_KEYS.map((key) => {
    const note = row?.(preview)[key].note;
    return [`${PERSONAS[key].label} (${key})${note ? ` — note: ${note}` : ''}`, key] as const;
  });
  test.each(cases)('as %s', async (_name, key) => {
    if (!row) throw new Error(`${route} is in app.json but has no row in test/simulate/pages.ts`);
    await render(route, key, row(live)[key]);
  });
});

afterAll(() => {
  process.stderr.write(
    `simulate: rendered ${rendered} of ${routes.length} pages × ${PERSONA_KEYS.length} personas (${states.content} showing content, ${states.refusal} a refusal, ${states['local-only']} the H5-only notice)\n`,
  );
});
