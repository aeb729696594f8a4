/**
 * 承诺–践诺 of one member for a round: each 四带头 item beside its check-ins and the activities attended
 * that serve it (items with no evidence stand out), and the 评诺. The branch secretary reviews here, with
 * the pledge, activities and check-ins on the same screen. Printable (A4).
 * Query: ?roundKey=&memberId= (without memberId: the caller's own)
 * Stable ids/classes: #report-page, #report-member, .report-lead (id report-lead-<lead>), .evidence-none,
 *   .report-checkin, .report-activity, #report-print, review ids of ReviewBlock
 */
import { Text, View } from '@tarojs/components';
import { FOUR_LEAD_NAMES } from '@contract/models';
import ErrorBoundary from '@/components/ErrorBoundary';
import PageFrame from '@/components/PageFrame';
import { isStaff, useAccess } from '@/hooks/useAccess';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { call } from '@/services/cloud';
import { formatDay, formatTime } from '@/utils/date';
import PhotoGrid from '../components/PhotoGrid';
import ReviewBlock from '../components/ReviewBlock';
import PrintButton from '../components/PrintButton';
import StaffNotice from '../components/StaffNotice';
import '../fulfil.scss';

function Report() {
  const roundKey = useParam('roundKey');
  const memberId = useParam('memberId');
  const { loading, data, error, reload, setData } = useCloud(
    () => call('fulfil', 'memberReport', { roundKey, ...(memberId ? { memberId } : {}) }),
    [roundKey, memberId],
  );
  // Without memberId the report is the caller's own: staff have none.
  const access = useAccess();
  if (!memberId && access.me && isStaff(access.me)) return <StaffNotice me={access.me} page="report" roundKey={roundKey} />;
  return (
    <PageFrame loading={(loading && !data) || access.loading} error={error} onRetry={() => void reload()}>
      {data ? (
        <View>
          <View className="fulfil-head">
            <Text id="report-member" className="fulfil-title">
              {data.member.name}的承诺践诺情况
            </Text>
            <Text className="fulfil-sub">
              {data.branchName} · {data.member.studentNo}
              {data.member.isCadre ? ` · ${data.member.post ?? '团干部'}` : ''} · {data.theme}
            </Text>
            <Text className="fulfil-sub">{data.signedAt ? `已签署“四带头”承诺（${formatTime(data.signedAt)}）` : '尚未签署本轮承诺'}</Text>
          </View>
          {data.leads.map((l) => {
            const none = l.checkIns.length === 0 && l.activities.length === 0;
            return (
              <View key={l.lead} id={`report-lead-${l.lead}`} className="card report-lead">
                <Text className="activity-title">{FOUR_LEAD_NAMES[l.lead]}</Text>
                {l.commitments.length ? (
                  l.commitments.map((c, i) => (
                    <Text key={i} className="evidence-line">
                      承诺：{c}
                    </Text>
                  ))
                ) : (
                  <Text className="form-note">未作承诺</Text>
                )}
                {none ? (
                  <View className="evidence-item evidence-none">
                    <Text className="evidence-none-text">暂无践诺记录</Text>
                  </View>
                ) : null}
                {l.activities.map((a) => (
                  <View key={a.id} className="evidence-item report-activity">
                    <Text className="evidence-line">
                      参加活动：{a.title}（{formatDay(a.date)}，{a.photoCount} 张照片）
                    </Text>
                  </View>
                ))}
                {l.checkIns.map((c) => (
                  <View key={c.id} className="evidence-item report-checkin">
                    <Text className="evidence-line">
                      打卡（{formatDay(c.date)}）：{c.text}
                      {c.activityTitle ? `（活动：${c.activityTitle}）` : ''}
                    </Text>
                    <PhotoGrid photos={c.photos} removed={c.removed} />
                  </View>
                ))}
              </View>
            );
          })}
          <ReviewBlock
            key={data.review?.version ?? 0}
            title="评诺（团支部书记点评）"
            review={data.review}
            canReview={data.canReview}
            save={async (grade, comment) => {
              const review = await call('fulfil', 'reviewMember', { memberId: data.member.id, roundKey: data.roundKey, grade, comment });
              setData({ ...data, review });
            }}
          />
          <PrintButton />
        </View>
      ) : null}
    </PageFrame>
  );
}

export default function ReportPage() {
  return (
    <ErrorBoundary>
      <View id="report-page" className="fulfil">
        <Report />
      </View>
    </ErrorBoundary>
  );
}
