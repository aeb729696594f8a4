/**
 * 践诺动态: the activities of an org and its subtree, newest first, 10 a page (加载更多), thumbnails that
 * open full size, the pledge items each fulfils. Secretaries post (发布活动) and archive; members check in.
 * Query: ?orgId= (default: the caller's branch, or the org of their secretary role)
 * Stable ids/classes: #feed-page, #feed-org, #feed-post, #feed-checkin, #feed-empty, .activity-card
 *   (id activity-<id>), .activity-title, .photo-thumb, .photo-badge, .photo-removed, #feed-more, .activity-archive,
 *   .activity-attend-code (the secretary's 签到码 for members to scan)
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ActivityView } from '@contract/fulfil';
import { FOUR_GOOD_NAMES, FOUR_LEAD_NAMES } from '@contract/models';
import ErrorBoundary from '@/components/ErrorBoundary';
import PageFrame from '@/components/PageFrame';
import { Button } from '@/components/nut';
import { placeOf, rolesFor } from '@/hooks/useAccess';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { useReloadOnShow } from '@/hooks/useReloadOnShow';
import { routes } from '@/routes';
import { call } from '@/services/cloud';
import { formatDay, formatTime } from '@/utils/date';
import { confirmAction, toastError, toastOk } from '@/utils/feedback';
import PhotoGrid from '../components/PhotoGrid';
import '../fulfil.scss';

function ActivityCard({ a, onArchived }: { a: ActivityView; onArchived: () => void }) {
  const archive = async () => {
    if (!(await confirmAction('归档活动', '归档后不再显示在动态中，但仍作为践诺依据保留在报告里。', '归档'))) return;
    try {
      await call('fulfil', 'archiveActivity', { activityId: a.id });
      toastOk('已归档');
      onArchived();
    } catch (err) {
      toastError(err);
    }
  };
  return (
    <View id={`activity-${a.id}`} className="card activity-card">
      <Text className="activity-title">{a.title}</Text>
      <Text className="activity-meta">
        {a.orgName} · {formatDay(a.date)} · {a.place}
      </Text>
      <Text className="activity-body">{a.body}</Text>
      <PhotoGrid photos={a.photos} removed={a.removed} />
      {a.goods.length || a.leads.length ? (
        <View className="tag-row">
          {a.goods.map((g) => (
            <Text key={g} className="tag tag-on">
              {FOUR_GOOD_NAMES[g]}
            </Text>
          ))}
          {a.leads.map((l) => (
            <Text key={l} className="tag">
              {FOUR_LEAD_NAMES[l]}
            </Text>
          ))}
        </View>
      ) : null}
      <Text className="activity-meta">
        {a.attendees.length ? `参加 ${a.attendees.length} 人 · ` : ''}
        {a.postedByName} 发布于 {formatTime(a.postedAt)}
      </Text>
      {a.manageable ? (
        <View className="tag-row">
          <Text className="link activity-attend-code" onClick={() => void Taro.navigateTo({ url: routes.fulfilAttendCode(a.id) })}>
            签到码
          </Text>
          <Text className="link activity-archive" onClick={() => void archive()}>
            归档
          </Text>
        </View>
      ) : null}
    </View>
  );
}

interface Loaded {
  orgId: string;
  orgName: string;
  roundKey: string;
  canPost: boolean;
  isMember: boolean;
  items: ActivityView[];
  cursor: string | null;
}

async function load(orgParam: string): Promise<Loaded> {
  const [me, timeline] = await Promise.all([call('system', 'whoami', {}), call('campaign', 'timeline', {})]);
  const posting = me.roles.find((r) => ['secretary', 'generalSecretary', 'admin'].includes(r.role) && (!orgParam || r.orgId === orgParam));
  const branch = [...me.orgPath].reverse().find((o) => o.level === 'branch');
  const orgId = orgParam || branch?.id || posting?.orgId || me.roles[0]?.orgId || '';
  // The org itself: its name for the header (staff above it hold no grant naming it) and its place for the gate.
  const [page, detail] = await Promise.all([call('fulfil', 'feed', { orgId }), call('org', 'detail', { orgId })]);
  return {
    orgId,
    orgName: detail.org.name,
    roundKey: timeline.currentRound?.key ?? '',
    canPost: rolesFor(me, 'fulfil.postActivity', placeOf(detail)).length > 0,
    isMember: rolesFor(me, 'fulfil.checkIn').length > 0,
    items: page.items,
    cursor: page.cursor,
  };
}

function Feed() {
  const orgParam = useParam('orgId');
  const { loading, data, error, reload, setData } = useCloud(() => load(orgParam), [orgParam]);
  const [more, setMore] = useState(false);
  useReloadOnShow(() => void reload());

  const loadMore = async () => {
    if (!data?.cursor || more) return;
    setMore(true);
    try {
      const page = await call('fulfil', 'feed', { orgId: data.orgId, cursor: data.cursor });
      setData({ ...data, items: [...data.items, ...page.items], cursor: page.cursor });
    } catch (err) {
      toastError(err);
    } finally {
      setMore(false);
    }
  };

  return (
    <PageFrame loading={loading && !data} error={error} onRetry={() => void reload()}>
      {data ? (
        <View>
          <View className="fulfil-head">
            <Text id="feed-org" className="fulfil-title">
              {data.orgName}践诺动态
            </Text>
            <Text className="fulfil-sub">活动照片经内容安全审核后对组织内可见</Text>
          </View>
          <View className="fulfil-actions">
            {data.canPost && data.roundKey ? (
              <Button
                id="feed-post"
                type="primary"
                size="small"
                onClick={() => void Taro.navigateTo({ url: routes.fulfilPost(data.orgId, data.roundKey) })}
              >
                发布活动
              </Button>
            ) : null}
            {data.isMember && data.roundKey ? (
              <Button
                id="feed-checkin"
                type="default"
                size="small"
                onClick={() => void Taro.navigateTo({ url: routes.fulfilCheckIn(data.roundKey) })}
              >
                践诺打卡
              </Button>
            ) : null}
          </View>
          {data.items.length === 0 ? (
            <View id="feed-empty">
              <PageFrame empty emptyIcon="践" emptyTitle="还没有活动" emptyHint="团支部书记发布的活动和照片会显示在这里。" />
            </View>
          ) : (
            data.items.map((a) => <ActivityCard key={a.id} a={a} onArchived={() => void reload()} />)
          )}
          {data.cursor ? (
            <View className="fulfil-actions">
              <Button id="feed-more" type="default" block loading={more} onClick={() => void loadMore()}>
                加载更多
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
    </PageFrame>
  );
}

export default function FeedPage() {
  return (
    <ErrorBoundary>
      <View id="feed-page" className="fulfil">
        <Feed />
      </View>
    </ErrorBoundary>
  );
}
