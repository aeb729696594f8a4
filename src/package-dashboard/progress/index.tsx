/**
 * 进度看板 (issue 14; from 我的 → 工作台 for admins, secretaries and leaders): the progress of the caller's
 * scope rolled up the tree (dashboard.home, then dashboard.view on drill-down), lagging orgs first, bars
 * drawn with plain views. A leader with several contact points picks one first. The figures come from the
 * roll-up the server recounts every minute.
 * Stable ids/classes: #dashboard-page, #dashboard-head (.dashboard-org-name), .dashboard-metric (id
 *   dashboard-metric-<key>), .dashboard-bar-fill, .dashboard-count (id dashboard-count-<field>: open and overdue
 *   rectifications as counts; .dashboard-count-alarm in red when overdue ones exist), #dashboard-back (返回上一级), #dashboard-lagging and
 *   #dashboard-children (rows .dashboard-row, id dashboard-row-<orgId>), #dashboard-roots (a leader's
 *   contact points, rows .dashboard-root), #dashboard-exports (buttons #dashboard-export-<list>: xlsx via
 *   dashboard.exportList, opened with downloadFile + openDocument on the phone, a download in H5)
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  COUNTS,
  EXPORT_LISTS,
  METRICS,
  ROLLUP_FIELDS,
  rate,
  type DashboardView,
  type ExportList,
  type RollupView,
} from '@contract/dashboard';
import { ORG_LEVEL_NAMES } from '@contract/models';
import { coveringRoles } from '@contract/scope';
import type { WhoAmI } from '@contract/system';
import ErrorBoundary from '@/components/ErrorBoundary';
import NotAllowed from '@/components/NotAllowed';
import PageFrame from '@/components/PageFrame';
import { principalOf, useAccess } from '@/hooks/useAccess';
import { useCloud } from '@/hooks/useCloud';
import { routes } from '@/routes';
import { call } from '@/services/cloud';
import { openFileLink } from '@/services/storage';
import { toastError, withLoading } from '@/utils/feedback';
import { formatTime } from '@/utils/date';
import './index.scss';

const pct = (r: number | null): string => (r === null ? '—' : `${Math.round(r * 100)}%`);

/** Below 60% is lagging (red), below 85% needs attention (amber). */
const tone = (r: number | null): string => (r === null ? 'none' : r < 0.6 ? 'low' : r < 0.85 ? 'mid' : 'high');

function Bar({ value }: { value: number | null }) {
  return (
    <View className="dashboard-bar">
      <View className={`dashboard-bar-fill dashboard-${tone(value)}`} style={{ width: `${Math.round((value ?? 0) * 100)}%` }} />
    </View>
  );
}

function Metrics({ row }: { row: RollupView }) {
  return (
    <View className="dashboard-metrics">
      {METRICS.map((m) => {
        const r = rate(row.counts, m);
        return (
          <View key={m.key} id={`dashboard-metric-${m.key}`} className="dashboard-metric">
            <View className="dashboard-metric-line">
              <Text className="dashboard-metric-label">{m.label}</Text>
              <Text className="dashboard-metric-value">
                {row.counts[m.num]}/{row.counts[m.den]} · {pct(r)}
              </Text>
            </View>
            <Bar value={r} />
          </View>
        );
      })}
      <View className="dashboard-counts">
        {COUNTS.map((c) => (
          <Text
            key={c.key}
            id={`dashboard-count-${c.key}`}
            className={`dashboard-count${c.alarm && row.counts[c.key] > 0 ? ' dashboard-count-alarm' : ''}`}
          >
            {ROLLUP_FIELDS[c.key]} {row.counts[c.key]}
          </Text>
        ))}
      </View>
      <Text className="dashboard-totals">
        {ROLLUP_FIELDS.activities} {row.counts.activities} · {ROLLUP_FIELDS.checkIns} {row.counts.checkIns} · {ROLLUP_FIELDS.bound}{' '}
        {row.counts.bound}/{row.counts.members}
      </Text>
    </View>
  );
}

/** A row of a list: name, level, overall progress; taps drill down. */
function Row({ row, onOpen, kind }: { row: RollupView; onOpen: (id: string) => void; kind: string }) {
  return (
    <View id={`dashboard-${kind}-${row.orgId}`} className={`dashboard-row dashboard-${kind}`} onClick={() => onOpen(row.orgId)}>
      <View className="dashboard-row-head">
        <Text className="dashboard-row-name">{row.name}</Text>
        <Text className="dashboard-row-level">{ORG_LEVEL_NAMES[row.level]}</Text>
        <Text className={`dashboard-row-score dashboard-text-${tone(row.score)}`}>{pct(row.score)}</Text>
        <Text className="dashboard-row-arrow">›</Text>
      </View>
      <Bar value={row.score} />
      <Text className="dashboard-row-facts">
        四好 {row.counts.orgsPledged}/{row.counts.orgsDue} · 签署 {row.counts.signed}/{row.counts.members} · 打卡{' '}
        {row.counts.checkInMembers} 人 · 评诺 {row.counts.membersReviewed} 人
        {row.counts.rectOverdue > 0 ? <Text className="dashboard-count-alarm"> · 逾期整改 {row.counts.rectOverdue}</Text> : null}
      </Text>
    </View>
  );
}

/** 导出名单: the lists the caller may export for this org (the server checks again), as xlsx of any length. */
function Exports({ me, org }: { me: WhoAmI; org: RollupView }) {
  const place = { _id: org.orgId, ancestors: org.ancestors };
  const lists = (Object.keys(EXPORT_LISTS) as ExportList[]).filter(
    (l) => coveringRoles(principalOf(me), EXPORT_LISTS[l].roles, place).length > 0,
  );
  if (lists.length === 0) return null;
  const run = async (list: ExportList) => {
    try {
      const file = await withLoading('正在生成…', () =>
        call('dashboard', 'exportList', { orgId: org.orgId, list, roundKey: org.roundKey }),
      );
      await openFileLink(file);
    } catch (err) {
      toastError(err);
    }
  };
  return (
    <View id="dashboard-exports" className="card">
      <Text className="dashboard-exports-title">导出为表格（{org.name}）</Text>
      <View className="dashboard-exports">
        {lists.map((l) => (
          <Text key={l} id={`dashboard-export-${l}`} className="dashboard-export" onClick={() => void run(l)}>
            {EXPORT_LISTS[l].title}
          </Text>
        ))}
      </View>
    </View>
  );
}

function Screen({ view, onOpen, me }: { view: DashboardView; onOpen: (id: string) => void; me: WhoAmI }) {
  const { org } = view;
  return (
    <View>
      <View id="dashboard-head" className="dashboard-head">
        <Text className="dashboard-org-name">{org.name}</Text>
        <Text className="dashboard-head-line">
          {org.name === ORG_LEVEL_NAMES[org.level] ? '' : `${ORG_LEVEL_NAMES[org.level]} · `}总体进度 {pct(org.score)} ·{' '}
          {org.counts.members} 名团员
        </Text>
        <Text className="dashboard-head-note">最近变动 {formatTime(org.changedAt)} · 每分钟统计一次</Text>
      </View>
      <View className="card">
        <Metrics row={org} />
      </View>
      {view.lagging.length > 0 ? (
        <View id="dashboard-lagging">
          <Text className="section-title">需关注的团支部</Text>
          {view.lagging.map((r) => (
            <Row key={r.orgId} row={r} onOpen={onOpen} kind="row" />
          ))}
        </View>
      ) : null}
      {view.children.length > 0 ? (
        <View id="dashboard-children">
          <Text className="section-title">下级组织（进度由低到高）</Text>
          {view.children.map((r) => (
            <Row key={r.orgId} row={r} onOpen={onOpen} kind="row" />
          ))}
        </View>
      ) : null}
      <Exports me={me} org={org} />
    </View>
  );
}

function Dashboard({ me }: { me: WhoAmI }) {
  const [path, setPath] = useState<string[]>([]);
  const current = path[path.length - 1];
  const { loading, data, error, reload } = useCloud(
    async () => (current ? { roots: [], view: await call('dashboard', 'view', { orgId: current }) } : call('dashboard', 'home', {})),
    [current],
  );
  const open = (orgId: string) => setPath((p) => [...p, orgId]);
  const shown = data && (current ? data.view?.org.orgId === current : true) ? data : null;
  return (
    <View>
      {path.length > 0 ? (
        <Text id="dashboard-back" className="dashboard-back" onClick={() => setPath((p) => p.slice(0, -1))}>
          ‹ 返回上一级
        </Text>
      ) : null}
      <PageFrame
        loading={loading && !shown}
        error={error}
        onRetry={() => void reload()}
        empty={!!shown && !shown.view && shown.roots.length === 0}
        emptyIcon="统"
        emptyTitle="暂无进度数据"
        emptyHint="进度统计每分钟更新一次；活动开始后，这里会显示各组织的承诺、践诺和评诺进展。"
      >
        {shown?.view ? <Screen view={shown.view} onOpen={open} me={me} /> : null}
        {shown && !shown.view && shown.roots.length > 0 ? (
          <View id="dashboard-roots">
            <Text className="section-title">我的联系点（进度由低到高）</Text>
            {[...shown.roots]
              .sort((a, b) => a.score - b.score)
              .map((r) => (
                <Row key={r.orgId} row={r} onOpen={open} kind="root" />
              ))}
          </View>
        ) : null}
      </PageFrame>
    </View>
  );
}

function Gate() {
  const access = useAccess();
  if (access.unbound) {
    return (
      <NotAllowed
        title="请先完成实名绑定"
        hint="绑定后，书记和领导小组成员可在这里查看所负责组织的进度。"
        onward={{ text: '去绑定', url: routes.bind(routes.dashboard()) }}
      />
    );
  }
  if (access.loading || access.error) {
    return <PageFrame loading={access.loading} error={access.error} onRetry={() => void access.reload()} />;
  }
  if (!access.can('dashboard.view', null)) {
    return (
      <NotAllowed
        title="没有可查看的进度"
        hint="进度看板向校团委、团总支和团支部书记以及领导小组成员开放。"
        onward={{ text: '返回我的', url: routes.mine(), tab: true }}
      />
    );
  }
  return access.me ? <Dashboard me={access.me} /> : null;
}

export default function DashboardPage() {
  return (
    <ErrorBoundary>
      <View id="dashboard-page" className="dashboard">
        <Gate />
      </View>
    </ErrorBoundary>
  );
}
