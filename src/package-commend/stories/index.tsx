/**
 * 先进典型: the model stories of the whole tree, newest first, 10 a page (加载更多), with their photos (shown to
 * others once the content check passed) and what they are about (an award or an activity). Secretaries and
 * the committee 发布先进典型 for their org; everyone reaches 评比表彰 from here.
 * Stable ids/classes: #stories-page, #stories-post, #stories-commend, #stories-empty, .story-card (id story-<id>),
 *   .story-title, .story-source, .story-archive (secretaries over the story's org), #stories-more
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { StoryView } from '@contract/commend';
import ErrorBoundary from '@/components/ErrorBoundary';
import { NotBound } from '@/components/NotAllowed';
import PageFrame from '@/components/PageFrame';
import { Button } from '@/components/nut';
import { rolesFor } from '@/hooks/useAccess';
import { useCloud } from '@/hooks/useCloud';
import { useReloadOnShow } from '@/hooks/useReloadOnShow';
import { routes } from '@/routes';
import { call } from '@/services/cloud';
import { formatTime } from '@/utils/date';
import { confirmAction, toastError, toastOk } from '@/utils/feedback';
import PhotoGrid from '../../package-fulfil/components/PhotoGrid';
import '../commend.scss';

function StoryCard({ s, onArchived }: { s: StoryView; onArchived: () => void }) {
  const archive = async () => {
    if (!(await confirmAction('撤下先进典型', '撤下后不再显示在先进典型中，记录仍保留。', '撤下'))) return;
    try {
      await call('commend', 'archiveStory', { storyId: s.id });
      toastOk('已撤下');
      onArchived();
    } catch (err) {
      toastError(err);
    }
  };
  return (
    <View id={`story-${s.id}`} className="card story-card">
      <Text className="activity-title story-title">{s.title}</Text>
      {s.source ? (
        <Text className="tag tag-on story-source">
          {s.source.kind === 'award' ? '表彰' : '活动'} · {s.source.label}
        </Text>
      ) : null}
      <Text className="activity-body">{s.body}</Text>
      <PhotoGrid photos={s.photos} removed={s.removed} />
      <Text className="activity-meta">
        {s.orgName} · {s.postedByName} 发布于 {formatTime(s.postedAt)}
      </Text>
      {s.manageable ? (
        <Text className="link story-archive" onClick={() => void archive()}>
          撤下
        </Text>
      ) : null}
    </View>
  );
}

function Stories() {
  const { loading, data, error, reload, setData } = useCloud(async () => {
    const [me, page] = await Promise.all([call('system', 'whoami', {}), call('commend', 'stories', {})]);
    return { me, ...page };
  });
  const [more, setMore] = useState(false);
  useReloadOnShow(() => void reload());
  if (error?.code === 'NOT_BOUND') return <NotBound hint="绑定后可以查看全校的先进典型事迹。" />;
  const posting = data ? data.me.roles.find((r) => ['secretary', 'generalSecretary', 'admin'].includes(r.role)) : undefined;
  const loadMore = async () => {
    if (!data?.cursor || more) return;
    setMore(true);
    try {
      const page = await call('commend', 'stories', { cursor: data.cursor });
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
            <Text className="fulfil-title">先进典型</Text>
            <Text className="fulfil-sub">学习身边的榜样：五四红旗团组织和优秀共青团员的事迹</Text>
          </View>
          <View className="fulfil-actions">
            {posting && rolesFor(data.me, 'commend.publishStory').length ? (
              <Button
                id="stories-post"
                type="primary"
                size="small"
                onClick={() => void Taro.navigateTo({ url: routes.storyPost(posting.orgId) })}
              >
                发布先进典型
              </Button>
            ) : null}
            <Button id="stories-commend" type="default" size="small" onClick={() => void Taro.navigateTo({ url: routes.commend() })}>
              评比表彰
            </Button>
          </View>
          {data.items.length === 0 ? (
            <View id="stories-empty">
              <PageFrame
                empty
                emptyIcon="典"
                emptyTitle="还没有先进典型"
                emptyHint="团支部书记、团总支书记和校团委发布的先进事迹会显示在这里。"
              />
            </View>
          ) : (
            data.items.map((s) => <StoryCard key={s.id} s={s} onArchived={() => void reload()} />)
          )}
          {data.cursor ? (
            <View className="fulfil-actions">
              <Button id="stories-more" type="default" block loading={more} onClick={() => void loadMore()}>
                加载更多
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
    </PageFrame>
  );
}

export default function StoriesPage() {
  return (
    <ErrorBoundary>
      <View id="stories-page" className="fulfil">
        <Stories />
      </View>
    </ErrorBoundary>
  );
}
