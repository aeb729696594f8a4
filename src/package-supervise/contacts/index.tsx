/**
 * 我的联系点 (领导小组成员, from 我的 → 工作台): the orgs the leader follows, each with its progress in the current
 * round from ONE call (supervise.contactPoints): 四好 pledge, 四带头 signatures, activities, 评诺, the 群众评议
 * result (once that domain publishes one), the last inspection and open rectifications, overdue ones listed in red.
 * Each card goes on to 记录检查, 随机抽查, 限期整改 and the org's 践诺动态.
 * Stable ids: #contacts-page, #contacts-round, #contact-<orgId> (.contact-signed inside), #contact-overdue-<orgId>,
 *   #contacts-inspect-<orgId>, #contacts-draw-<orgId>, #contacts-rectify-<orgId>, #contacts-feed-<orgId>
 */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { GRADE_NAMES } from '@contract/fulfil';
import { ORG_LEVEL_NAMES } from '@contract/models';
import { INSPECTION_KIND_NAMES, type ContactProgress } from '@contract/supervise';
import ErrorBoundary from '@/components/ErrorBoundary';
import { NotBound } from '@/components/NotAllowed';
import PageFrame from '@/components/PageFrame';
import { useCloud } from '@/hooks/useCloud';
import { useReloadOnShow } from '@/hooks/useReloadOnShow';
import { routes } from '@/routes';
import { call } from '@/services/cloud';
import { formatDay } from '@/utils/date';
import '../supervise.scss';

const go = (url: string) => void Taro.navigateTo({ url });

function ContactCard({ p }: { p: ContactProgress }) {
  const pct = p.memberCount > 0 ? Math.round((p.signedCount / p.memberCount) * 100) : 0;
  return (
    <View id={`contact-${p.orgId}`} className="card">
      <Text className="sv-name">{p.name}</Text>
      <Text className="sv-label">{ORG_LEVEL_NAMES[p.level]}</Text>
      <View className="sv-facts">
        <Text className={`sv-fact ${p.pledge ? 'sv-ok' : 'sv-todo'}`}>
          {p.pledge ? (p.pledge.late ? '四好已公开（逾期）' : '四好已公开') : '四好未公开'}
        </Text>
        <Text className="sv-fact contact-signed">
          四带头 {p.signedCount}/{p.memberCount} 人{p.memberCount > 0 ? ` · ${pct}%` : ''}
        </Text>
        <Text className="sv-fact">活动 {p.activityCount} 次</Text>
        <Text className="sv-fact">
          评诺 {p.reviewedCount}/{p.memberCount} 人{p.review ? ` · 组织评定${GRADE_NAMES[p.review.grade]}` : ''}
        </Text>
        <Text className="sv-fact">{p.evaluation ? `群众评议 ${p.evaluation.label}` : '群众评议 暂无结果'}</Text>
        <Text className="sv-fact">
          {p.lastInspection ? `最近检查 ${formatDay(p.lastInspection.date)} ${INSPECTION_KIND_NAMES[p.lastInspection.kind]}` : '尚未检查'}
        </Text>
        <Text className={`sv-fact ${p.openRectifications > 0 ? 'sv-todo' : ''}`}>整改中 {p.openRectifications} 项</Text>
      </View>
      {p.overdue.length > 0 ? (
        <View id={`contact-overdue-${p.orgId}`} className="sv-overdue">
          {p.overdue.map((r) => (
            <Text key={r.id} style={{ display: 'block' }} onClick={() => go(routes.rectify({ id: r.id }))}>
              逾期{r.escalated ? '（已上报）' : ''}：{r.finding} · 期限 {formatDay(r.deadline)} ›
            </Text>
          ))}
        </View>
      ) : null}
      <View className="sv-links">
        <Text id={`contacts-inspect-${p.orgId}`} onClick={() => go(routes.inspect(p.orgId))}>
          记录检查 ›
        </Text>
        <Text id={`contacts-draw-${p.orgId}`} onClick={() => go(routes.draw(p.orgId))}>
          随机抽查 ›
        </Text>
        <Text id={`contacts-rectify-${p.orgId}`} onClick={() => go(routes.rectify({ orgId: p.orgId }))}>
          限期整改 ›
        </Text>
        <Text id={`contacts-feed-${p.orgId}`} onClick={() => go(routes.fulfilFeed(p.orgId))}>
          践诺动态 ›
        </Text>
      </View>
    </View>
  );
}

function Contacts() {
  // whoami first: someone with no contact points gets the empty state, not a refusal of contactPoints.
  const { loading, data, error, reload } = useCloud(async () => {
    const me = await call('system', 'whoami', {});
    return { bound: me.bound, view: me.roles.some((r) => r.role === 'leader') ? await call('supervise', 'contactPoints', {}) : null };
  });
  useReloadOnShow(reload);
  const view = data?.view ?? null;
  const points = view?.points ?? [];
  if (data && !data.bound) return <NotBound hint="绑定后，领导小组成员可以在这里查看联系点的进展。" />;
  return (
    <PageFrame
      loading={loading && !data}
      error={error}
      onRetry={() => void reload()}
      empty={!!data && points.length === 0}
      emptyIcon="联"
      emptyTitle="暂无联系点"
      emptyHint="联系点由校团委在“领导小组”中设置，设置后会显示在这里。"
    >
      {view ? (
        <View>
          <View id="contacts-round" className="contacts-round card">
            <Text className="sv-name">共 {points.length} 个联系点</Text>
            <Text className="sv-label">{view.roundTheme ? `本轮承诺：${view.roundTheme}` : '当前没有进行中的承诺轮次'}</Text>
          </View>
          <Text className="section-title">各联系点承诺进展</Text>
          {points.map((p) => (
            <ContactCard key={p.orgId} p={p} />
          ))}
        </View>
      ) : null}
    </PageFrame>
  );
}

export default function ContactsPage() {
  return (
    <ErrorBoundary>
      <View id="contacts-page" className="supervise">
        <Contacts />
      </View>
    </ErrorBoundary>
  );
}
