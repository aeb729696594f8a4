/**
 * 评议结果: published within the organiser's tree after the close — per target its rank, counts and satisfaction rate
 * (or the mean per 四好 item), comments without any identity; fewer than 5 ballots show 参评人数不足 instead.
 * Query: ?id=. Stable ids/classes for e2e: #results-page, #results-total, .results-target (id results-target-<n>),
 * .results-few, .results-rate, .ev-comment, #results-export (the organiser's managers).
 */
import { Text, View } from '@tarojs/components';
import { CHOICE_NAMES, CHOICES, TOO_FEW, type TargetResult } from '@contract/evaluate';
import { FOUR_GOOD_NAMES, FOUR_GOODS } from '@contract/models';
import ErrorBoundary from '@/components/ErrorBoundary';
import PageFrame from '@/components/PageFrame';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { Button } from '@/components/nut';
import { call } from '@/services/cloud';
import { openFileLink } from '@/services/storage';
import { toastError, withLoading } from '@/utils/feedback';
import { formatTime } from '@/utils/date';
import '../evaluate.scss';

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

function Bar({ share }: { share: number }) {
  return (
    <View className="ev-bar">
      <View className="ev-bar-fill" style={{ width: `${Math.round(Math.min(1, Math.max(0, share)) * 100)}%` }} />
    </View>
  );
}

function Target({ t, n }: { t: TargetResult; n: number }) {
  return (
    <View id={`results-target-${n}`} className="card ev-card results-target">
      <View className="ev-row">
        <Text className="ev-card-title">{t.name}</Text>
        {t.rank !== null ? <Text className="ev-rank">{`第 ${t.rank} 名`}</Text> : null}
      </View>
      {t.tooFew ? (
        <Text className="ev-few results-few">{`${TOO_FEW}（少于 5 票，不公布具体结果）`}</Text>
      ) : (
        <>
          <Text className="ev-muted">{`有效票 ${t.ballots} 张`}</Text>
          {t.satisfaction !== null && t.counts ? (
            <>
              <View className="ev-row">
                <Text>满意率（满意 + 基本满意）</Text>
                <Text className="results-rate">{percent(t.satisfaction)}</Text>
              </View>
              <Bar share={t.satisfaction} />
              {CHOICES.map((c) => (
                <View key={c} className="ev-row">
                  <Text className="ev-muted">{CHOICE_NAMES[c]}</Text>
                  <Text className="ev-muted">{`${t.counts?.[c] ?? 0} 票`}</Text>
                </View>
              ))}
            </>
          ) : null}
          {t.means ? (
            <>
              <View className="ev-row">
                <Text>综合平均分</Text>
                <Text className="results-rate">{`${t.overall ?? 0} 分`}</Text>
              </View>
              {FOUR_GOODS.map((g) => (
                <View key={g} className="ev-score-row">
                  <View className="ev-row">
                    <Text className="ev-muted">{FOUR_GOOD_NAMES[g]}</Text>
                    <Text className="ev-muted">{`${t.means?.[g] ?? 0} 分`}</Text>
                  </View>
                  <Bar share={(t.means?.[g] ?? 0) / 5} />
                </View>
              ))}
            </>
          ) : null}
          {t.comments.length > 0 ? <Text className="ev-muted">意见建议（匿名）</Text> : null}
          {t.comments.map((c, i) => (
            <Text key={i} className="ev-comment">
              {c}
            </Text>
          ))}
        </>
      )}
    </View>
  );
}

/** The results as xlsx (evaluate.exportResults), for whoever may manage the evaluation. */
async function exportXlsx(evaluationId: string): Promise<void> {
  try {
    await openFileLink(await withLoading('正在生成…', () => call('evaluate', 'exportResults', { evaluationId })));
  } catch (err) {
    toastError(err);
  }
}

export default function ResultsPage() {
  const id = useParam('id');
  const { loading, data, error, reload } = useCloud(() => call('evaluate', 'results', { evaluationId: id }), [id]);
  // Before the tally the server answers CONFLICT (评议尚未结束): a state to wait for, not a fault to quote.
  const notYet = error?.code === 'CONFLICT';
  return (
    <ErrorBoundary>
      <View id="results-page" className="ev">
        <PageFrame
          loading={loading && !data}
          error={notYet ? null : error}
          onRetry={() => void reload()}
          empty={notYet}
          emptyIcon="票"
          emptyTitle="结果尚未公布"
          emptyHint={error?.message ?? '评议结束并计票后，结果在这里公布。'}
        >
          {data ? (
            <>
              <Text className="ev-intro">{`${data.evaluation.title} · ${data.evaluation.organiserName}`}</Text>
              <View id="results-total" className="card ev-card">
                <Text className="ev-card-title">{`共收回有效票 ${data.ballots} 张`}</Text>
                <Text className="ev-muted">{`计票时间 ${formatTime(data.talliedAt)}${data.evaluation.closedEarly ? ` · 提前结束：${data.evaluation.closedEarly.reason}` : ''}`}</Text>
                <Text className="ev-muted">选票不记录投票人；参评不足 5 人的组织不公布具体结果。</Text>
                {data.evaluation.manageable ? (
                  <Button id="results-export" size="small" onClick={() => void exportXlsx(id)}>
                    导出表格
                  </Button>
                ) : null}
              </View>
              {data.targets.map((t, n) => (
                <Target key={t.id} t={t} n={n} />
              ))}
            </>
          ) : null}
        </PageFrame>
      </View>
    </ErrorBoundary>
  );
}
