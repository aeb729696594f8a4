/**
 * 承诺: the 四好 pledges of the member's orgs for the current round (campaign.orgPledges: branch and
 * its ancestors), the member's own 四带头 status; secretaries and general secretaries write or edit
 * their org's 四好 pledge (late ones are marked 逾期提交) and see its versions; secretaries start
 * 四带头 signing (→ package-pledge/session).
 * Stable ids/classes for e2e:
 *   #pledge-page, #pledge-round (theme + deadline), #pledge-no-round
 *   #pledge-bind (not bound: 去绑定), #pledge-login (H5 signed out)
 *   .org-pledge (id org-pledge-<orgId>), .org-pledge-name, .org-pledge-item, .org-pledge-late (逾期提交 tag)
 *   #org-pledges-empty (the member's orgs have not pledged yet); staff outside the roster instead get 承诺概况 (admin),
 *     #pledge-contacts with #pledge-contacts-open → 我的联系点 (leader), or #org-pledges-none
 *   #my-pledge / .my-pledge: #my-pledge-status (已签署 / 未签署 / 扫码签署 hint), #my-pledge-view (查看我的承诺)
 *     toggles #my-pledge-items (the member's own signed commitments)
 *   #org-overview-<orgId> 承诺概况 (admin: the committee; general secretary: the college), drill-down
 *   #org-pledge-editor-<orgId> / .org-pledge-editor: inputs #org-pledge-input-<good> (editor of the
 *     first org only gets the bare ids; others use #org-pledge-input-<orgId>-<good>),
 *     #org-pledge-submit-<orgId>, #org-pledge-error-<orgId>, #org-pledge-history-toggle-<orgId>,
 *     .org-pledge-version
 *   #pledge-start-session (发起四带头签名, secretaries), #pledge-view-sheet
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import type { OrgPledgeView, Timeline } from '@contract/campaign';
import { FIELDS } from '@contract/fields';
import { FOUR_GOODS, FOUR_GOOD_NAMES, FOUR_LEADS, FOUR_LEAD_NAMES, type FourGood, type FourLead } from '@contract/models';
import type { SheetRow } from '@contract/pledge';
import type { RoleView, WhoAmI } from '@contract/system';
import ErrorBoundary from '@/components/ErrorBoundary';
import { Field, FormSubmit, LimitHint } from '@/components/Form';
import FulfilEntries from '@/components/FulfilEntries';
import OrgOverview from '@/components/OrgOverview';
import PageFrame from '@/components/PageFrame';
import RemindButton from '@/components/RemindButton';
import { Button } from '@/components/nut';
import { useAction } from '@/hooks/useAction';
import { useCloud } from '@/hooks/useCloud';
import { useReloadOnShow } from '@/hooks/useReloadOnShow';
import { routes } from '@/routes';
import { CloudError, call } from '@/services/cloud';
import { formatDay, formatTime } from '@/utils/date';
import { toastError, toastOk } from '@/utils/feedback';
import './index.scss';

interface Loaded {
  me: WhoAmI;
  timeline: Timeline;
  /** Pledges visible to the member (branch and ancestors), or of the secretary's org. */
  pledges: OrgPledgeView[];
  mine: SheetRow | null | 'unknown';
}

function branchOf(me: WhoAmI): string | null {
  const b = [...me.orgPath].reverse().find((o) => o.level === 'branch');
  return b?.id ?? null;
}

function writerRoles(me: WhoAmI): RoleView[] {
  return me.roles.filter((r) => r.role === 'secretary' || r.role === 'generalSecretary');
}

async function loadAll(): Promise<Loaded> {
  const [me, timeline] = await Promise.all([call('system', 'whoami', {}), call('campaign', 'timeline', {})]);
  const round = timeline.currentRound;
  if (!round) return { me, timeline, pledges: [], mine: null };
  const orgIds = new Set<string>();
  const branch = branchOf(me);
  if (branch) orgIds.add(branch);
  for (const r of writerRoles(me)) orgIds.add(r.orgId);
  const lists = await Promise.all([...orgIds].map((orgId) => call('campaign', 'orgPledges', { orgId, roundKey: round.key })));
  const seen = new Map<string, OrgPledgeView>();
  for (const p of lists.flat()) seen.set(p.orgId, p);
  let mine: Loaded['mine'] = null;
  if (branch && me.studentNo) {
    try {
      const sheet = await call('pledge', 'sheet', { branchId: branch, roundKey: round.key });
      mine = sheet.rows.find((r) => r.studentNo === me.studentNo) ?? null;
    } catch {
      mine = 'unknown'; // members may not read the sheet: they sign by scanning
    }
  }
  return { me, timeline, pledges: [...seen.values()], mine };
}

function OrgPledgeCard({ pledge }: { pledge: OrgPledgeView }) {
  return (
    <View id={`org-pledge-${pledge.orgId}`} className="card org-pledge">
      <View className="org-pledge-head">
        <Text className="org-pledge-name">{pledge.orgName}</Text>
        {pledge.late ? <Text className="org-pledge-late">逾期提交</Text> : null}
      </View>
      {FOUR_GOODS.map((g) => (
        <View key={g} className="org-pledge-item">
          <Text className="org-pledge-good">{FOUR_GOOD_NAMES[g]}</Text>
          <Text className="org-pledge-text">{pledge.items[g]}</Text>
        </View>
      ))}
      <Text className="org-pledge-meta">
        第 {pledge.version} 版 · {formatTime(pledge.submittedAt)}
      </Text>
    </View>
  );
}

function Editor({
  role,
  roundKey,
  deadline,
  current,
  first,
  onSaved,
}: {
  role: RoleView;
  roundKey: string;
  deadline: string;
  current: OrgPledgeView | undefined;
  first: boolean;
  onSaved: () => void;
}) {
  const empty = { organisation: '', education: '', activities: '', feedback: '' } satisfies Record<FourGood, string>;
  const [items, setItems] = useState<Record<FourGood, string>>(current?.items ?? empty);
  const { busy, error, setError, run } = useAction();
  const [history, setHistory] = useState<{ items: Record<FourGood, string>; at: string }[] | null>(null);
  const [open, setOpen] = useState(!current);
  const idFor = (g: FourGood) => (first ? `org-pledge-input-${g}` : `org-pledge-input-${role.orgId}-${g}`);

  const submit = () => {
    if (busy) return;
    const min = FIELDS.fourGood.min;
    const short = FOUR_GOODS.find((g) => items[g].trim().length < min);
    if (short) {
      const why = items[short].trim() ? `至少 ${min} 个字` : '请填写';
      setError(new CloudError('INVALID_ARGUMENT', `${FOUR_GOOD_NAMES[short]}：${why}`, { field: `items.${short}` }));
      return;
    }
    void run(async () => {
      const trimmed = { ...items };
      for (const g of FOUR_GOODS) trimmed[g] = items[g].trim();
      const saved = await call('campaign', 'submitOrgPledge', { orgId: role.orgId, roundKey, items: trimmed });
      toastOk(saved.late ? '已提交（逾期）' : '已公开承诺');
      setOpen(false);
      setHistory(null);
      onSaved();
    });
  };

  const toggleHistory = async () => {
    if (history) {
      setHistory(null);
      return;
    }
    try {
      setHistory(await call('campaign', 'orgPledgeHistory', { orgId: role.orgId, roundKey }));
    } catch (err) {
      toastError(err);
    }
  };

  return (
    <View id={`org-pledge-editor-${role.orgId}`} className="card org-pledge-editor">
      <View className="org-pledge-head">
        <Text className="org-pledge-name">{role.orgName}</Text>
        {current ? (
          <Text className="org-pledge-state">已公开 · 第 {current.version} 版</Text>
        ) : (
          <Text className="org-pledge-late">待提交</Text>
        )}
      </View>
      <Text className="form-note">请于 {formatDay(deadline)} 前公开承诺，逾期提交将被标注。</Text>
      {open ? (
        <View>
          {FOUR_GOODS.map((g) => (
            <Field key={g} label={FOUR_GOOD_NAMES[g]}>
              <Textarea
                id={idFor(g)}
                className="field-textarea org-pledge-textarea"
                value={items[g]}
                maxlength={FIELDS.fourGood.max}
                placeholder={`本组织在“${FOUR_GOOD_NAMES[g]}”方面的具体承诺`}
                onInput={(e) => setItems((prev) => ({ ...prev, [g]: e.detail.value }))}
              />
              <LimitHint id={`${idFor(g)}-hint`} value={items[g]} limit={FIELDS.fourGood} />
              {error?.field === `items.${g}` ? <Text className="form-error">{error.message}</Text> : null}
            </Field>
          ))}
          <FormSubmit
            id={`org-pledge-submit-${role.orgId}`}
            errorId={`org-pledge-error-${role.orgId}`}
            error={error && !error.field?.startsWith('items.') ? error : null}
            busy={busy}
            onClick={submit}
          >
            {current ? '保存修改' : '公开承诺'}
          </FormSubmit>
        </View>
      ) : (
        <View className="org-pledge-tools">
          <Text id={`org-pledge-edit-${role.orgId}`} className="link" onClick={() => setOpen(true)}>
            修改承诺
          </Text>
          <Text id={`org-pledge-history-toggle-${role.orgId}`} className="link" onClick={() => void toggleHistory()}>
            {history ? '收起历史版本' : '历史版本'}
          </Text>
        </View>
      )}
      {history ? (
        <View className="org-pledge-history">
          {history.length === 0 ? <Text className="form-note">暂无历史版本</Text> : null}
          {history.map((h, i) => (
            <View key={h.at} className="org-pledge-version">
              <Text className="org-pledge-version-title">
                第 {i + 1} 版 · {formatTime(h.at)}
              </Text>
              {FOUR_GOODS.map((g) => (
                <Text key={g} className="org-pledge-version-item">
                  {FOUR_GOOD_NAMES[g]}：{h.items[g]}
                </Text>
              ))}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

/** The member's own signed 四带头 pledge, lead by lead. */
function MyItems({ items }: { items: Record<FourLead, string[]> }) {
  return (
    <View id="my-pledge-items" className="my-pledge-items">
      {FOUR_LEADS.map((lead) => (
        <View key={lead} className="org-pledge-item">
          <Text className="org-pledge-good">{FOUR_LEAD_NAMES[lead]}</Text>
          {items[lead].map((t, i) => (
            <Text key={`${lead}-${i}`} className="org-pledge-text my-pledge-line">
              {i + 1}. {t}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

function MyPledge({ data }: { data: Loaded }) {
  const [open, setOpen] = useState(false);
  if (!data.me.studentNo) return null;
  const mine = data.mine;
  let text = '请扫描团支部书记出示的签名二维码，签署个人“四带头”承诺。';
  let signed = false;
  if (mine && mine !== 'unknown') {
    signed = !!mine.signedAt;
    text = mine.signedAt ? `已签署 · ${formatTime(mine.signedAt)}` : '未签署：请扫描团支部书记出示的签名二维码签署。';
  }
  return (
    <View id="my-pledge" className="card my-pledge">
      <Text className="org-pledge-name">我的“四带头”承诺</Text>
      <Text id="my-pledge-status" className={`my-pledge-status${signed ? ' my-pledge-signed' : ''}`}>
        {text}
      </Text>
      {signed && mine && mine !== 'unknown' && mine.items ? (
        <View>
          <Text id="my-pledge-view" className="link" onClick={() => setOpen((o) => !o)}>
            {open ? '收起我的承诺' : '查看我的承诺'}
          </Text>
          {open ? <MyItems items={mine.items} /> : null}
        </View>
      ) : null}
      {signed ? null : <RemindButton id="my-pledge-remind" kinds={['signingOpen', 'pledgeDue3d']} text="签名和截止提醒我" />}
    </View>
  );
}

/** Neither in the roster nor writing a 四好 pledge: a leader goes on to their contact points, anyone else is told why this is empty. */
function NoOwnOrg({ me }: { me: WhoAmI }) {
  if (me.roles.some((r) => r.role === 'leader')) {
    return (
      <View id="pledge-contacts" className="card pledge-session-entry">
        <Text className="org-pledge-name">联系点承诺进展</Text>
        <Text className="form-note">你联系的团组织的“四好”承诺和“四带头”签署情况。</Text>
        <View className="pledge-session-actions">
          <Button id="pledge-contacts-open" type="primary" onClick={() => void Taro.navigateTo({ url: routes.contacts() })}>
            我的联系点
          </Button>
        </View>
      </View>
    );
  }
  return (
    <Text id="org-pledges-none" className="card muted-card">
      你的账号不在团员名册中，没有需要签署或公开的承诺。
    </Text>
  );
}

function PledgeTab() {
  const { loading, data, error, reload } = useCloud(loadAll);
  useReloadOnShow(() => void reload());

  if (error?.code === 'NOT_BOUND') {
    return (
      <PageFrame
        empty
        emptyIcon="诺"
        emptyTitle="请先完成实名绑定"
        emptyHint="绑定后可以查看所在团组织的“四好”承诺，并签署个人“四带头”承诺。"
        emptyAction={
          <Button id="pledge-bind" type="primary" onClick={() => void Taro.navigateTo({ url: routes.bind() })}>
            去绑定
          </Button>
        }
      >
        {null}
      </PageFrame>
    );
  }
  if (error?.code === 'UNAUTHENTICATED' && IS_H5) {
    return (
      <View id="pledge-login" className="card pledge-login">
        <Text className="org-pledge-name">请先登录</Text>
        <Button type="primary" block onClick={() => void Taro.navigateTo({ url: routes.localLogin() })}>
          去登录
        </Button>
      </View>
    );
  }

  const round = data?.timeline.currentRound ?? null;
  const writers = data ? writerRoles(data.me) : [];
  const secretaryRole = writers.find((r) => r.role === 'secretary');
  // 承诺概况 over the tree below: the committee admin's, else a general secretary's college.
  const overviewRole = data?.me.roles.find((r) => r.role === 'admin') ?? writers.find((r) => r.role === 'generalSecretary');
  const visible = data ? data.pledges : [];
  // Staff accounts outside the roster (the committee, the leading group) have no 所在团组织 of their own.
  const ownOrgs = !!data && (!!branchOf(data.me) || writers.length > 0);

  return (
    <PageFrame loading={loading && !data} error={error} onRetry={() => void reload()}>
      {data && !round ? (
        <PageFrame empty emptyIcon="诺" emptyTitle="暂无进行中的承诺" emptyHint="公开承诺阶段开始后，可以在这里查看和签署承诺。" />
      ) : null}
      {data && round ? (
        <View>
          <View id="pledge-round" className="pledge-round">
            <Text className="pledge-round-label">本轮承诺主题</Text>
            <Text className="pledge-round-theme">{round.theme}</Text>
            <Text className="pledge-round-deadline">{formatDay(round.deadline)} 截止</Text>
          </View>

          {secretaryRole ? (
            <View className="card pledge-session-entry">
              <Text className="org-pledge-name">“四带头”集体签名</Text>
              <Text className="form-note">团干部先签，团员扫码签署；可随时查看进度和集体承诺书。</Text>
              <View className="pledge-session-actions">
                <Button
                  id="pledge-start-session"
                  type="primary"
                  onClick={() => void Taro.navigateTo({ url: routes.session({ branchId: secretaryRole.orgId, roundKey: round.key }) })}
                >
                  发起四带头签名
                </Button>
                <Button
                  id="pledge-view-sheet"
                  type="default"
                  onClick={() => void Taro.navigateTo({ url: routes.sheet({ branchId: secretaryRole.orgId, roundKey: round.key }) })}
                >
                  集体承诺书
                </Button>
              </View>
            </View>
          ) : null}

          {overviewRole ? <OrgOverview orgId={overviewRole.orgId} roundKey={round.key} /> : null}
          <MyPledge data={data} />
          <FulfilEntries me={data.me} roundKey={round.key} />

          {writers.length > 0 ? <Text className="section-title">本组织“四好”承诺</Text> : null}
          {writers.map((role, i) => (
            <Editor
              key={`${role.orgId}-${data.pledges.find((p) => p.orgId === role.orgId)?.version ?? 0}`}
              role={role}
              roundKey={round.key}
              deadline={round.deadline}
              current={data.pledges.find((p) => p.orgId === role.orgId)}
              first={i === 0}
              onSaved={() => void reload()}
            />
          ))}

          {ownOrgs ? <Text className="section-title">团组织“四好”承诺 · 接受监督</Text> : null}
          {ownOrgs && visible.length === 0 ? (
            <Text id="org-pledges-empty" className="card muted-card">
              所在团组织尚未公开本轮“四好”承诺。
            </Text>
          ) : null}
          {ownOrgs ? visible.map((p) => <OrgPledgeCard key={p.orgId} pledge={p} />) : null}
          {!ownOrgs && !overviewRole ? <NoOwnOrg me={data.me} /> : null}
        </View>
      ) : null}
    </PageFrame>
  );
}

export default function PledgePage() {
  return (
    <ErrorBoundary>
      <View id="pledge-page" className="tab-page pledge-tab">
        <PledgeTab />
      </View>
    </ErrorBoundary>
  );
}
