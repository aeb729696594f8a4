/**
 * scripts/deploy.ts (issue 14): `npm run deploy -- --dry-run` prints the whole plan for the current tree with no
 * key and no network — every cloud function with its timer triggers, every collection and index of
 * collections.ts, the console settings with no API — and the real path without settings stops, naming them.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { COLLECTIONS } from '../../cloudfunctions/shared/collections';
import { TEMPLATE_KEYS } from '../../types/notify';
import { functionDomains } from '../../scripts/build-functions';
import { buildPlan, formatPlan } from '../../scripts/deploy';

const root = join(__dirname, '..', '..');
/** This process's environment without anything a deploy could use. */
const bare = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(STRIVE_|MINIPROGRAM_|TENCENTCLOUD_|NOTIFY_TEMPLATE_)/.test(k)),
) as NodeJS.ProcessEnv;

const run = (args: string[]) =>
  spawnSync(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/deploy.ts', ...args], {
    cwd: root,
    env: bare,
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('deploy --dry-run', () => {
  const dry = run(['--dry-run', '--version', '1.2.3', '--desc', '第一次部署']);
  const out = dry.stdout;

  it('runs with no key and no network and says so', () => {
    expect(dry.status).toBe(0);
    expect(out).toContain('演练：未读取密钥，未访问网络');
    expect(out).toContain('版本 1.2.3  描述「第一次部署」');
  });

  it('uploads every cloud function of the tree, with its timeout and timer triggers', () => {
    const plan = buildPlan({ version: '1.2.3', desc: 'x', env: bare });
    expect(plan.functions.map((f) => f.name)).toEqual(functionDomains());
    for (const f of plan.functions) {
      expect(out).toContain(`   - ${f.name}  dist/cloudfunctions/${f.name}`);
      expect(out).toContain(`   - ${f.name}: timeout ${f.timeout}s`);
      for (const t of f.triggers) expect(out).toContain(`trigger ${t.name} (${t.type}) "${t.config}"`);
    }
    expect(out).toContain('trigger rollupRefresh (timer) "0 * * * * * *"');
    expect(out).toContain('trigger notifySender (timer) "0 * * * * * *"');
  });

  it('names each function secret the deploy must be given (the ballot secret of evaluate)', () => {
    const plan = buildPlan({ version: '1.2.3', desc: 'x', env: bare });
    expect(plan.functions.find((f) => f.name === 'evaluate')?.secrets).toEqual(['BALLOT_SECRET']);
    expect(out).toContain('secret BALLOT_SECRET');
  });

  it('creates every collection and index of collections.ts', () => {
    for (const c of COLLECTIONS) {
      expect(out).toContain(`   - ${c.name}\n`);
      for (const i of c.indexes) expect(out).toMatch(new RegExp(`index ${i.name} \\(${Object.keys(i.fields)[0].replace('.', '\\.')} `));
    }
    expect(out).toContain('index studentNo (studentNo asc) unique');
  });

  it('prints the console settings with no API: message push, subscription templates, storage', () => {
    expect(out).toContain('消息推送：事件 wxa_media_check（消息类型 event）推送到云函数 fulfil');
    for (const k of TEMPLATE_KEYS) expect(out).toContain(`NOTIFY_TEMPLATE_${k.toUpperCase()}「`);
    expect(out).toContain('仅创建者可读写');
  });

  it('is the same text buildPlan and formatPlan give', () => {
    const plan = buildPlan({ version: '1.2.3', desc: '第一次部署', env: bare });
    expect(out).toContain(formatPlan(plan).join('\n'));
  });

  it('the real deploy without settings stops before any network, naming each one', () => {
    const real = run(['--version', '1.2.3']);
    expect(real.status).toBe(1);
    expect(real.stderr).toContain('缺少部署设置');
    for (const name of ['STRIVE_APPID', 'STRIVE_CLOUD_ENV', 'MINIPROGRAM_PRIVATE_KEY_PATH', 'TENCENTCLOUD_SECRETID', 'BALLOT_SECRET'])
      expect(real.stderr).toContain(name);
  });
});
