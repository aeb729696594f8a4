/**
 * 承诺–践诺 of a branch (or general branch) for a round: each 四好 item beside the activities that fulfil
 * it, every member with their evidence per 四带头 item (no evidence in red) and grade — tap a member to
 * review them — the review of the org by its parent, and 点评总结 (its stage summary, and its children's to
 * comment on). Printable (A4).
 * Query: ?orgId=&roundKey=
 * Stable ids/classes: #org-report-page, #org-report-title, .org-report-good (id org-report-good-<good>),
 *   .evidence-none, .report-row (id report-row-<memberId>), .report-zero, #report-print, #report-export
 */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { GRADE_NAMES } from '@contract/fulfil';
import { FOUR_GOOD_NAMES, FOUR_LEADS, FOUR_LEAD_NAMES } from '@contract/models';
import ErrorBoundary from '@/components/ErrorBoundary';
import PageFrame from '@/components/PageFrame';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { useReloadOnShow } from '@/hooks/useReloadOnShow';
import { routes } from '@/routes';
import { call } from '@/services/cloud';
import { formatDay } from '@/utils/date';
import ReviewBlock from '../components/ReviewBlock';
import SummaryBlock from '../components/SummaryBlock';
import PrintButton from '../components/PrintButton';
import ExportButton from '../components/ExportButton';
import '../fulfil.scss';

function OrgReport() {
  const orgId = useParam('orgId');
  const roundKey = useParam('roundKey');
  const { loading, data, error, reload, setData } = useCloud(async () => {
    const [report, summaries] = await Promise.all([
      call('fulfil', 'orgReport', { orgId, roundKey }),
      call('fulfil', 'summaries', { orgId, roundKey }),
    ]);
    return { ...report, summaries };
  }, [orgId, roundKey]);
  useReloadOnShow(() => void reload());
  return (
    <PageFrame loading={loading && !data} error={error} onRetry={() => void reload()}>
      {data ? (
        <View>
          <View className="fulfil-head">
            <Text id="org-report-title" className="fulfil-title">
              {data.org.name}承诺践诺报告
            </Text>
            <Text className="fulfil-sub">{data.theme}</Text>
          </View>
          <Text className="section-title">“四好”承诺与活动</Text>
          {data.goods.map((g) => (
            <View key={g.good} id={`org-report-good-${g.good}`} className="card org-report-good">
              <Text className="activity-title">{FOUR_GOOD_NAMES[g.good]}</Text>
              <Text className="evidence-line">承诺：{g.pledge ?? '尚未公开承诺'}</Text>
              {g.activities.length === 0 ? (
                <View className="evidence-item evidence-none">
                  <Text className="evidence-none-text">暂无践诺活动</Text>
                </View>
              ) : (
                g.activities.map((a) => (
                  <View key={a.id} className="evidence-item">
                    <Text className="evidence-line">
                      {a.title}（{formatDay(a.date)}，{a.photoCount} 张照片）
                    </Text>
                  </View>
                ))
              )}
            </View>
          ))}
          {data.members.length ? (
            <View>
              <Text className="section-title">团员“四带头”践诺（次数）与评诺</Text>
              <View className="card report-table">
                <View className="report-row">
                  <Text className="report-cell report-cell-name">姓名</Text>
                  {FOUR_LEADS.map((l) => (
                    <Text key={l} className="report-cell">
                      {FOUR_LEAD_NAMES[l].slice(2)}
                    </Text>
                  ))}
                  <Text className="report-cell">评定</Text>
                </View>
                {data.members.map((m) => (
                  <View
                    key={m.id}
                    id={`report-row-${m.id}`}
                    className="report-row"
                    onClick={() => void Taro.navigateTo({ url: routes.fulfilReport(data.roundKey, m.id) })}
                  >
                    <View className="report-cell report-cell-name">
                      <Text>{m.name}</Text>
                      <Text className="report-cell-note">
                        {m.isCadre ? '团干部 · ' : ''}
                        {m.signed ? '已签承诺' : '未签承诺'}
                      </Text>
                    </View>
                    {FOUR_LEADS.map((l) => (
                      <Text key={l} className={`report-cell${m.evidence[l] === 0 ? ' report-zero' : ''}`}>
                        {m.evidence[l]}
                      </Text>
                    ))}
                    <Text className="report-cell">{m.grade ? GRADE_NAMES[m.grade] : '—'}</Text>
                  </View>
                ))}
              </View>
            </View>
          ) : null}
          <ReviewBlock
            key={data.review?.version ?? 0}
            title={data.org.level === 'branch' ? '评诺（团总支点评）' : '评诺（校团委点评）'}
            review={data.review}
            canReview={data.canReview}
            save={async (grade, comment) => {
              const review = await call('fulfil', 'reviewOrg', { orgId: data.org.id, roundKey: data.roundKey, grade, comment });
              setData({ ...data, review });
            }}
          />
          <SummaryBlock
            key={data.summaries.own?.version ?? 0}
            data={data.summaries}
            onSaved={(own) => setData({ ...data, summaries: { ...data.summaries, own } })}
          />
          <PrintButton />
          <ExportButton orgId={data.org.id} roundKey={data.roundKey} />
        </View>
      ) : null}
    </PageFrame>
  );
}

export default function OrgReportPage() {
  return (
    <ErrorBoundary>
      <View id="org-report-page" className="fulfil">
        <OrgReport />
      </View>
    </ErrorBoundary>
  );
}
