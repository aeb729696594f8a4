/**
 * `npm run deploy` (tsx scripts/deploy.ts): puts a built tree (`npm run build`) into a WeChat cloud env without
 * the DevTools —
 *  1. uploads the weapp (dist/weapp) with a version and description (miniprogram-ci, code upload key);
 *  2. uploads every cloud function dist/cloudfunctions/<name> with cloud-side npm install (miniprogram-ci);
 *  3. sets each function's timeout, environment (subscription template ids) and timer triggers from its
 *     config.json (@cloudbase/manager-node: miniprogram-ci does not apply config.json);
 *  4. creates missing collections and their indexes from cloudfunctions/shared/collections.ts ("already
 *     exists" counts as done, so a second run changes nothing);
 *  5. prints the console settings that have no API (message push, subscription templates, storage rules).
 * `--dry-run` prints the whole plan: no key, no network, no import of the two tools.
 *
 * The key and ids come from the environment, never from the repository (README, 部署):
 *   STRIVE_APPID (else project.config.json's appid), STRIVE_CLOUD_ENV, MINIPROGRAM_PRIVATE_KEY_PATH,
 *   TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY, optional NOTIFY_TEMPLATE_<KEY> (STAGE, DEADLINE, TASK, RESULT),
 *   and every secret a function's config.json names in `envSecrets` (BALLOT_SECRET of evaluate): generated once
 *   (`openssl rand -hex 32`), kept by the operator and given again on every deploy — the function environment is
 *   replaced as a whole, and a changed ballot secret would let everyone vote again.
 * miniprogram-ci and @cloudbase/manager-node are not dependencies of the project (they are large and only the
 * deploying machine needs them): they are imported on demand, and a missing one is named with how to install it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { COLLECTIONS, type IndexDecl } from '../cloudfunctions/shared/collections';
import { TEMPLATES, TEMPLATE_KEYS } from '../types/notify';
import { functionDomains } from './build-functions';

const root = resolve(__dirname, '..');

interface FunctionConfig {
  timeout?: number;
  permissions?: { openapi?: string[] };
  triggers?: { name: string; type: string; config: string }[];
  envSecrets?: string[];
}

export interface DeployOptions {
  version: string;
  desc: string;
  env: NodeJS.ProcessEnv;
}

export interface FunctionPlan {
  name: string;
  dir: string;
  built: boolean;
  timeout: number;
  openapi: string[];
  triggers: { name: string; type: string; config: string }[];
  /** Environment secrets the function needs (config.json envSecrets), read from the deploying environment. */
  secrets: string[];
}

export interface DeployPlan {
  appid: string;
  envId: string;
  version: string;
  desc: string;
  weappDir: string;
  functions: FunctionPlan[];
  collections: { name: string; indexes: IndexDecl[] }[];
  /** NOTIFY_TEMPLATE_<KEY> values found in the environment (set on every function). */
  templateIds: Record<string, string>;
  messagePush: Record<string, string>;
}

/** What is missing to run the real deploy (the dry run needs none of it). */
export function missingSettings(env: NodeJS.ProcessEnv, appid: string): string[] {
  const missing: string[] = [];
  if (!appid || appid === 'touristappid') missing.push('STRIVE_APPID（小程序 AppID / the mini-program AppID）');
  if (!env.STRIVE_CLOUD_ENV) missing.push('STRIVE_CLOUD_ENV（云开发环境 ID / the cloud env id）');
  if (!env.MINIPROGRAM_PRIVATE_KEY_PATH) missing.push('MINIPROGRAM_PRIVATE_KEY_PATH（代码上传密钥文件路径 / path of the code upload key）');
  else if (!existsSync(env.MINIPROGRAM_PRIVATE_KEY_PATH))
    missing.push(`MINIPROGRAM_PRIVATE_KEY_PATH 指向的文件不存在 / no file at ${env.MINIPROGRAM_PRIVATE_KEY_PATH}`);
  if (!env.TENCENTCLOUD_SECRETID || !env.TENCENTCLOUD_SECRETKEY) {
    missing.push('TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY（腾讯云 API 密钥 / Tencent Cloud API key）');
  }
  return missing;
}

/** A function secret must be long enough to key an HMAC (the function refuses a shorter one). */
const SECRET_MIN = 32;
export function missingSecrets(plan: DeployPlan, env: NodeJS.ProcessEnv): string[] {
  return plan.functions.flatMap((f) =>
    f.secrets
      .filter((k) => (env[k] ?? '').length < SECRET_MIN)
      .map((k) => `${k}（云函数 ${f.name} 的密钥，至少 ${SECRET_MIN} 个字符，如 openssl rand -hex 32；每次部署都要提供同一个值）`),
  );
}

function readJson<T>(file: string, fallback: T): T {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : fallback;
}

export function buildPlan(options: DeployOptions): DeployPlan {
  const project = readJson<{ appid?: string; miniprogramRoot?: string; cloudfunctionRoot?: string }>(join(root, 'project.config.json'), {});
  const functionsRoot = join(root, project.cloudfunctionRoot ?? 'dist/cloudfunctions/');
  const functions = functionDomains().map((name): FunctionPlan => {
    const config = readJson<FunctionConfig>(join(root, 'cloudfunctions', name, 'config.json'), {});
    const dir = join(functionsRoot, name);
    return {
      name,
      dir,
      built: existsSync(join(dir, 'index.js')),
      timeout: config.timeout ?? 3,
      openapi: config.permissions?.openapi ?? [],
      triggers: config.triggers ?? [],
      secrets: config.envSecrets ?? [],
    };
  });
  const templateIds = Object.fromEntries(
    TEMPLATE_KEYS.flatMap((k) => {
      const id = options.env[`NOTIFY_TEMPLATE_${k.toUpperCase()}`];
      return id ? [[`NOTIFY_TEMPLATE_${k.toUpperCase()}`, id]] : [];
    }),
  );
  return {
    appid: options.env.STRIVE_APPID || project.appid || '',
    envId: options.env.STRIVE_CLOUD_ENV || '',
    version: options.version,
    desc: options.desc,
    weappDir: join(root, project.miniprogramRoot ?? 'dist/weapp/'),
    functions,
    collections: COLLECTIONS.map((c) => ({ name: c.name, indexes: c.indexes })),
    templateIds,
    messagePush: readJson<Record<string, string>>(join(root, 'cloudfunctions', 'message-push.json'), {}),
  };
}

const indexText = (i: IndexDecl): string =>
  `${i.name} (${Object.entries(i.fields)
    .map(([f, d]) => `${f} ${d === 1 ? 'asc' : 'desc'}`)
    .join(', ')})${i.unique ? ' unique' : ''}${i.sparse ? ' sparse' : ''}`;

/** The console settings no API makes: printed after a deploy and in the dry run. */
export function consoleSettings(plan: DeployPlan): string[] {
  const lines = ['控制台设置（无 API，请手动完成）/ console settings with no API:'];
  for (const [event, fn] of Object.entries(plan.messagePush)) {
    lines.push(`  - 云开发控制台 → 设置 → 消息推送：事件 ${event}（消息类型 event）推送到云函数 ${fn}，数据格式 JSON`);
  }
  lines.push('  - 订阅消息：公众平台 → 订阅消息 → 从公共模板库选用以下模板（关键词按顺序），把模板 ID 填入部署环境变量：');
  for (const k of TEMPLATE_KEYS) {
    const env = `NOTIFY_TEMPLATE_${k.toUpperCase()}`;
    const t = TEMPLATES[k];
    const state = plan.templateIds[env] ? `已设置 ${plan.templateIds[env]}` : '未设置';
    lines.push(`      ${env}「${t.title}」${Object.keys(t.keywords).join(' ')}（${state}）`);
  }
  lines.push('  - 云开发控制台 → 云存储 → 权限设置：选“仅创建者可读写”（导出的名单只经临时链接下载）');
  lines.push('  - 云函数的云调用权限（config.json permissions.openapi）：上传后在云开发控制台核对：');
  for (const f of plan.functions.filter((x) => x.openapi.length)) lines.push(`      ${f.name}: ${f.openapi.join(', ')}`);
  lines.push('  - 若手机上打开导出文件失败：公众平台 → 开发管理 → 服务器域名 → downloadFile 合法域名，加入临时链接的域名');
  return lines;
}

export function formatPlan(plan: DeployPlan): string[] {
  const rel = (dir: string): string => relative(root, dir) || '.';
  const envId = plan.envId || '<STRIVE_CLOUD_ENV>';
  const lines = [
    `部署计划 / deploy plan — AppID ${plan.appid || '<STRIVE_APPID>'}，云环境 ${envId}`,
    '',
    `1. 上传小程序 / upload the weapp: ${rel(plan.weappDir)}  版本 ${plan.version}  描述「${plan.desc}」`,
    '',
    `2. 上传云函数（云端安装依赖）/ upload ${plan.functions.length} cloud functions (remote npm install):`,
    ...plan.functions.map((f) => `   - ${f.name}  ${rel(f.dir)}${f.built ? '' : '  （尚未构建：先运行 npm run build:functions）'}`),
    '',
    '3. 云函数配置与定时触发器 / function config and timer triggers (from config.json):',
    ...plan.functions.flatMap((f) => [
      `   - ${f.name}: timeout ${f.timeout}s${Object.keys(plan.templateIds).length ? `, env ${Object.keys(plan.templateIds).join(' ')}` : ''}`,
      ...f.secrets.map((k) => `       secret ${k}（部署时从同名环境变量读取 / read from the deploying environment）`),
      ...f.triggers.map((t) => `       trigger ${t.name} (${t.type}) "${t.config}"`),
    ]),
    '',
    `4. 数据库集合与索引（已存在视为成功）/ ${plan.collections.length} collections and their indexes (existing ones count as done):`,
    ...plan.collections.flatMap((c) => [`   - ${c.name}`, ...c.indexes.map((i) => `       index ${indexText(i)}`)]),
    '',
    `5. ${consoleSettings(plan).join('\n')}`,
  ];
  return lines;
}

// ---- the real deploy ----

const INSTALL_HINT = [
  '部署需要 miniprogram-ci 和 @cloudbase/manager-node，它们不是项目依赖，请在部署机器上另行安装：',
  '  npm install --no-save miniprogram-ci @cloudbase/manager-node',
  'Deploying needs miniprogram-ci and @cloudbase/manager-node, which are not project dependencies; install them on the',
  'deploying machine with the command above, then run `npm run deploy` again.',
].join('\n');

/** A module the project does not depend on, by name (so no bundler or type check looks for it). */
async function optional<T>(name: string): Promise<T | null> {
  try {
    return (await import(name)) as T;
  } catch {
    return null;
  }
}

interface MiniprogramCi {
  Project: new (o: { appid: string; type: string; projectPath: string; privateKeyPath: string; ignores?: string[] }) => unknown;
  upload(o: {
    project: unknown;
    version: string;
    desc: string;
    setting?: Record<string, boolean>;
    onProgressUpdate?: () => void;
  }): Promise<unknown>;
  cloud: { uploadFunction(o: { project: unknown; env: string; name: string; path: string; remoteNpmInstall: boolean }): Promise<unknown> };
}
interface Manager {
  functions: {
    updateFunctionConfig(o: { name: string; timeout?: number; envVariables?: Record<string, string> }): Promise<unknown>;
    createFunctionTriggers(name: string, triggers: { name: string; type: string; config: string }[]): Promise<unknown>;
  };
  database: {
    createCollectionIfNotExists(name: string): Promise<unknown>;
    checkIndexExists(collection: string, index: string): Promise<{ Exists?: boolean }>;
    updateCollection(name: string, o: Record<string, unknown>): Promise<unknown>;
  };
}
type ManagerModule = { default: new (o: { secretId: string; secretKey: string; envId: string }) => Manager };

const alreadyExists = (err: unknown): boolean => /exist|已存在|Duplicate/i.test(err instanceof Error ? err.message : String(err));

async function step(label: string, run: () => Promise<unknown>, tolerateExisting = false): Promise<void> {
  process.stdout.write(`${label} … `);
  try {
    await run();
    console.log('完成 / done');
  } catch (err) {
    if (tolerateExisting && alreadyExists(err)) return void console.log('已存在 / already exists');
    console.log('失败 / failed');
    throw err;
  }
}

async function deploy(plan: DeployPlan, env: NodeJS.ProcessEnv): Promise<void> {
  const missing = [...missingSettings(env, plan.appid), ...missingSecrets(plan, env)];
  if (missing.length) {
    console.error(['缺少部署设置 / missing deploy settings:', ...missing.map((m) => `  - ${m}`), '（见 README“部署”）'].join('\n'));
    process.exit(1);
  }
  const unbuilt = plan.functions.filter((f) => !f.built).map((f) => f.name);
  if (!existsSync(join(plan.weappDir, 'app.json')) || unbuilt.length) {
    console.error(
      `请先构建 / build first: npm run build:functions && npm run build:weapp${unbuilt.length ? `（未构建：${unbuilt.join(', ')}）` : ''}`,
    );
    process.exit(1);
  }
  const ci = await optional<MiniprogramCi>('miniprogram-ci');
  const managerModule = await optional<ManagerModule>('@cloudbase/manager-node');
  if (!ci || !managerModule) {
    console.error(INSTALL_HINT);
    process.exit(1);
  }
  const project = new ci.Project({
    appid: plan.appid,
    type: 'miniProgram',
    projectPath: root,
    privateKeyPath: env.MINIPROGRAM_PRIVATE_KEY_PATH ?? '',
    ignores: ['node_modules/**/*'],
  });
  const manager = new managerModule.default({
    secretId: env.TENCENTCLOUD_SECRETID ?? '',
    secretKey: env.TENCENTCLOUD_SECRETKEY ?? '',
    envId: plan.envId,
  });

  await step(`1. 上传小程序 ${plan.version}`, () =>
    ci.upload({ project, version: plan.version, desc: plan.desc, setting: { es6: false, minify: true } }),
  );
  for (const f of plan.functions) {
    await step(`2. 上传云函数 ${f.name}`, () =>
      ci.cloud.uploadFunction({ project, env: plan.envId, name: f.name, path: f.dir, remoteNpmInstall: true }),
    );
  }
  for (const f of plan.functions) {
    await step(`3. ${f.name} 超时与环境变量`, () =>
      manager.functions.updateFunctionConfig({
        name: f.name,
        timeout: f.timeout,
        envVariables: { ...plan.templateIds, ...Object.fromEntries(f.secrets.map((k) => [k, env[k] ?? ''])) },
      }),
    );
    if (f.triggers.length) await step(`3. ${f.name} 定时触发器`, () => manager.functions.createFunctionTriggers(f.name, f.triggers), true);
  }
  for (const c of plan.collections) {
    await step(`4. 集合 ${c.name}`, () => manager.database.createCollectionIfNotExists(c.name), true);
    for (const i of c.indexes) {
      await step(
        `4. 索引 ${c.name}.${i.name}`,
        async () => {
          if ((await manager.database.checkIndexExists(c.name, i.name)).Exists) return;
          await manager.database.updateCollection(c.name, {
            CreateIndexes: [
              {
                IndexName: i.name,
                MgoKeySchema: {
                  MgoIsUnique: Boolean(i.unique),
                  MgoIndexKeys: Object.entries(i.fields).map(([Name, d]) => ({ Name, Direction: String(d) })),
                },
              },
            ],
          });
        },
        true,
      );
    }
  }
  console.log(`\n5. ${consoleSettings(plan).join('\n')}`);
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const pkg = readJson<{ version?: string }>(join(root, 'package.json'), {});
  const plan = buildPlan({
    version: argValue(args, '--version') ?? pkg.version ?? '0.0.0',
    desc: argValue(args, '--desc') ?? '党团共建·创先争优',
    env: process.env,
  });
  if (args.includes('--dry-run')) {
    console.log(formatPlan(plan).join('\n'));
    console.log('\n（演练：未读取密钥，未访问网络 / dry run: no key read, no network）');
    return;
  }
  await deploy(plan, process.env);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
