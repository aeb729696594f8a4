/**
 * 活动签到 (ATTEND_PAGE): with ?activityId= the secretary shows the activity's 签到码 for members to scan; opened by
 * scanning it (weapp: the 小程序码's scene; H5: ?scene=) it records the member as an attendee, once.
 * Stable ids/classes: #attend-page, #attend-code (the QR image), #attend-count, #attend-refresh, #attend-done,
 *   #attend-title
 */
import { Image, Text, View } from '@tarojs/components';
import ErrorBoundary from '@/components/ErrorBoundary';
import PageFrame from '@/components/PageFrame';
import { Button } from '@/components/nut';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { call } from '@/services/cloud';
import { formatDay } from '@/utils/date';
import '../fulfil.scss';

/** A 小程序码 hands its scene URL-encoded (a%3D…); the router decoded once, decode what is left. */
function sceneOf(raw: string): string {
  try {
    return raw.includes('%') ? decodeURIComponent(raw) : raw;
  } catch {
    return raw;
  }
}

function Code({ activityId }: { activityId: string }) {
  const { loading, data, error, reload } = useCloud(() => call('fulfil', 'attendanceCode', { activityId }), [activityId]);
  return (
    <PageFrame loading={loading && !data} error={error} onRetry={() => void reload()}>
      {data ? (
        <View className="card attend-card">
          <Text id="attend-title" className="fulfil-title">
            {data.title}
          </Text>
          <Text className="activity-meta">
            {data.orgName} · {formatDay(data.date)}
          </Text>
          <Image id="attend-code" className="attend-qr" mode="aspectFit" src={data.qr.url} />
          <Text className="form-note">请本组织团员用微信扫码签到，签到后本次活动计入其“四带头”践诺记录。</Text>
          <Text id="attend-count" className="activity-meta">
            已签到 {data.attendees} 人
          </Text>
          <Button id="attend-refresh" type="default" block loading={loading} onClick={() => void reload()}>
            刷新签到人数
          </Button>
        </View>
      ) : null}
    </PageFrame>
  );
}

function Attend({ scene }: { scene: string }) {
  const { loading, data, error, reload } = useCloud(() => call('fulfil', 'attend', { scene }), [scene]);
  return (
    <PageFrame loading={loading && !data} error={error} onRetry={() => void reload()}>
      {data ? (
        <View id="attend-done" className="card attend-card">
          <Text className="fulfil-title">{data.already ? '你已签到' : '签到成功'}</Text>
          <Text id="attend-title" className="activity-title">
            {data.title}
          </Text>
          <Text className="activity-meta">
            {data.orgName} · {formatDay(data.date)}
          </Text>
          <Text className="form-note">本次活动已计入你的践诺记录。</Text>
        </View>
      ) : null}
    </PageFrame>
  );
}

export default function AttendPage() {
  const activityId = useParam('activityId');
  const scene = sceneOf(useParam('scene'));
  return (
    <ErrorBoundary>
      <View id="attend-page" className="fulfil">
        {activityId ? <Code activityId={activityId} /> : <Attend scene={scene} />}
      </View>
    </ErrorBoundary>
  );
}
