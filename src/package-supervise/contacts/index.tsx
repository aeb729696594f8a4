/**
 * 我的联系点 (领导小组成员, from 我的 → 工作台): the orgs the leader follows, each with its key facts for
 * the current round (campaign.orgOverview: 四好 pledge, the orgs below, 四带头 signatures). Supervision
 * (督促检查) builds on this page.
 * One heading over the cards; each card ends with 践诺动态 (the org's activity feed).
 * Stable ids: #contacts-page, #contacts-round, #contacts-empty, #org-overview-<orgId> per contact point,
 *   #contacts-feed-<orgId> (践诺动态 ›)
 */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import ErrorBoundary from '@/components/ErrorBoundary';
import OrgOverview from '@/components/OrgOverview';
import PageFrame from '@/components/PageFrame';
import { useCloud } from '@/hooks/useCloud';
import { routes } from '@/routes';
import { call } from '@/services/cloud';
import { formatDay } from '@/utils/date';
import './index.scss';

/** On to the contact point's activities and photos (践诺), the evidence behind its facts. */
function FeedLink({ orgId }: { orgId: string }) {
  return (
    <Text id={`contacts-feed-${orgId}`} className="contacts-feed" onClick={() => void Taro.navigateTo({ url: routes.fulfilFeed(orgId) })}>
      践诺动态 ›
    </Text>
  );
}

function Contacts() {
  const { loading, data, error, reload } = useCloud(async () => {
    const [me, timeline] = await Promise.all([call('system', 'whoami', {}), call('campaign', 'timeline', {})]);
    return { points: me.roles.filter((r) => r.role === 'leader'), round: timeline.currentRound };
  });
  const points = data?.points ?? [];
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
      {data ? (
        <View>
          <View id="contacts-round" className="contacts-round">
            <Text className="contacts-count">共 {points.length} 个联系点</Text>
            <Text className="contacts-round-text">
              {data.round ? `本轮承诺：${data.round.theme} · ${formatDay(data.round.deadline)} 截止` : '当前没有进行中的承诺轮次'}
            </Text>
          </View>
          <Text className="section-title">各联系点承诺进展</Text>
          {points.map((p) =>
            data.round ? (
              <OrgOverview key={p.orgId} orgId={p.orgId} roundKey={data.round.key} title={null}>
                <FeedLink orgId={p.orgId} />
              </OrgOverview>
            ) : (
              <View key={p.orgId} className="card">
                <Text className="contacts-name">{p.orgName}</Text>
                <FeedLink orgId={p.orgId} />
              </View>
            ),
          )}
        </View>
      ) : null}
    </PageFrame>
  );
}

export default function ContactsPage() {
  return (
    <ErrorBoundary>
      <View id="contacts-page" className="contacts">
        <Contacts />
      </View>
    </ErrorBoundary>
  );
}
