/**
 * 评比表彰: the running commendation — its awards, quotas and timeline — and, by role, the way on: a branch
 * secretary 推荐团员, a general secretary 审核与推荐, the committee 审定 / 公示 / 颁发 (or 发起表彰 when none is
 * open); everyone 表彰公示, 先进典型 and their own certificates.
 * Stable ids: #commend-page, #commend-title, #commend-timeline, #commend-none, #commend-open, #commend-nominate,
 *   #commend-review, #commend-decide, #commend-notice, #commend-stories, .commend-my-award
 */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { WINDOW_NAMES, windowState, type CommendationView } from '@contract/commend';
import ErrorBoundary from '@/components/ErrorBoundary';
import { NotBound } from '@/components/NotAllowed';
import PageFrame from '@/components/PageFrame';
import { Button } from '@/components/nut';
import { rolesFor } from '@/hooks/useAccess';
import { useCloud } from '@/hooks/useCloud';
import { useReloadOnShow } from '@/hooks/useReloadOnShow';
import { routes } from '@/routes';
import { call } from '@/services/cloud';
import { formatDay } from '@/utils/date';
import '../commend.scss';

const STATE_TEXT = { before: '未开始', open: '进行中', after: '已结束' } as const;

function Timeline({ c }: { c: CommendationView }) {
  const rows = (['nominate', 'forward', 'approve'] as const).map((k) => ({ name: WINDOW_NAMES[k], w: c.timeline[k] }));
  return (
    <View id="commend-timeline" className="card">
      {rows.map(({ name, w }) => (
        <View key={name} className="commend-row">
          <Text className="commend-quota">
            {name}：{formatDay(w.start)} — {formatDay(w.end)}
          </Text>
          <Text className="commend-status">{STATE_TEXT[windowState(w, c.today)]}</Text>
        </View>
      ))}
      <Text className="commend-quota">
        公示：{c.notice ? `${formatDay(c.notice.start)} — ${formatDay(c.notice.end)}` : `审定后公示 ${c.timeline.noticeDays} 天`}
        {c.issued ? ' · 已颁发' : ''}
      </Text>
      {c.awards.map((a) => (
        <Text key={a.key} className="commend-quota">
          {a.name}（{a.subject === 'org' ? '团支部' : '团员'}）：
          {a.subject === 'member' ? `每支部推荐 ${a.quota.perBranch} 名，` : ''}每团总支上报 {a.quota.perGeneral} 名，共 {a.quota.total} 名
        </Text>
      ))}
    </View>
  );
}

function Hub() {
  const { loading, data, error, reload } = useCloud(async () => {
    const [me, overview] = await Promise.all([call('system', 'whoami', {}), call('commend', 'overview', {})]);
    return { me, overview };
  });
  useReloadOnShow(() => void reload());
  if (error?.code === 'NOT_BOUND') return <NotBound hint="绑定后可以查看评比表彰、表彰公示和本人的荣誉证书。" />;
  const go = (url: string) => void Taro.navigateTo({ url });
  const c = data?.overview.commendation ?? null;
  const me = data?.me ?? null;
  const grant = (role: string) => me?.roles.find((r) => r.role === role);
  const branchSecretary = grant('secretary');
  const general = grant('generalSecretary');
  const admin = grant('admin');
  return (
    <PageFrame loading={loading && !data} error={error} onRetry={() => void reload()}>
      {data ? (
        <View>
          <View className="fulfil-head">
            <Text id="commend-title" className="fulfil-title">
              {c ? c.title : '评比表彰'}
            </Text>
            <Text className="fulfil-sub">逐级评比、逐级推荐，表彰五四红旗团组织和优秀共青团员</Text>
          </View>
          {c ? (
            <Timeline c={c} />
          ) : (
            <View id="commend-none">
              <PageFrame
                empty
                emptyIcon="评"
                emptyTitle="本次活动尚未发起表彰"
                emptyHint="校团委发起评比表彰后，推荐、审核和公示都在这里办理。"
              />
            </View>
          )}
          <View className="fulfil-actions">
            {!c && rolesFor(me, 'commend.openCommendation').length ? (
              <Button id="commend-open" type="primary" size="small" onClick={() => go(routes.commendOpen())}>
                发起表彰
              </Button>
            ) : null}
            {c && branchSecretary ? (
              <Button
                id="commend-nominate"
                type="primary"
                size="small"
                onClick={() => go(routes.commendNominations(c.id, branchSecretary.orgId))}
              >
                推荐优秀团员
              </Button>
            ) : null}
            {c && general ? (
              <Button id="commend-review" type="primary" size="small" onClick={() => go(routes.commendNominations(c.id, general.orgId))}>
                审核与推荐
              </Button>
            ) : null}
            {c && admin ? (
              <Button id="commend-decide" type="primary" size="small" onClick={() => go(routes.commendNominations(c.id, admin.orgId))}>
                审定推荐
              </Button>
            ) : null}
            {c ? (
              <Button id="commend-notice" type="default" size="small" onClick={() => go(routes.commendNotice(c.id))}>
                表彰公示
              </Button>
            ) : null}
            <Button id="commend-stories" type="default" size="small" onClick={() => go(routes.stories())}>
              先进典型
            </Button>
          </View>
          {data.overview.myAwards.length ? <Text className="section-title">我的荣誉</Text> : null}
          {data.overview.myAwards.map((a) => (
            <View key={a.id} className="card commend-my-award" onClick={() => go(routes.certificate(a.id))}>
              <View className="commend-row">
                <Text className="commend-name">{a.awardName}</Text>
                <Text className="link">查看证书 ›</Text>
              </View>
              <Text className="activity-meta">
                {a.commendationTitle} · {formatDay(a.issuedOn)}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </PageFrame>
  );
}

export default function CommendPage() {
  return (
    <ErrorBoundary>
      <View id="commend-page" className="fulfil">
        <Hub />
      </View>
    </ErrorBoundary>
  );
}
