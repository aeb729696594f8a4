/**
 * 投票情况: live turnout per target seen from an org (counts and rates, never choices); for a branch, who there has
 * not voted yet (to remind them). The organiser's managers may close the evaluation early here, with a reason.
 * Query: ?id=&orgId=. Stable ids/classes for e2e: #turnout-page, #turnout-total, .turnout-row (id turnout-row-<n>),
 * #turnout-not-voted, .turnout-person, #turnout-close-reason, #turnout-close, #turnout-close-error.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { TurnoutView } from '@contract/evaluate';
import { FIELDS } from '@contract/fields';
import ErrorBoundary from '@/components/ErrorBoundary';
import { FormSubmit, TextField } from '@/components/Form';
import PageFrame from '@/components/PageFrame';
import { useAction } from '@/hooks/useAction';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { routes } from '@/routes';
import { call } from '@/services/cloud';
import { confirmAction, toastOk } from '@/utils/feedback';
import '../evaluate.scss';

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const STATUS: Record<TurnoutView['status'], string> = { scheduled: '未开始', open: '进行中', counting: '计票中', closed: '已结束' };

function CloseEarly({ id, onClosed }: { id: string; onClosed: () => void }) {
  const [reason, setReason] = useState('');
  const action = useAction();
  const close = () =>
    action.run(async () => {
      if (!(await confirmAction('提前结束评议', '结束后不能再投票，约两分钟后自动计票并公布结果。', '结束评议'))) return;
      await call('evaluate', 'closeEarly', { evaluationId: id, reason });
      toastOk('已结束');
      onClosed();
    });
  return (
    <View className="card ev-card">
      <Text className="ev-card-title">提前结束</Text>
      <TextField
        id="turnout-close-reason"
        label={FIELDS.closeReason.label}
        value={reason}
        onChange={setReason}
        limit={FIELDS.closeReason}
      />
      <FormSubmit id="turnout-close" errorId="turnout-close-error" error={action.error} busy={action.busy} onClick={() => void close()}>
        结束投票
      </FormSubmit>
    </View>
  );
}

export default function TurnoutPage() {
  const id = useParam('id');
  const orgId = useParam('orgId');
  const turnout = useCloud(() => call('evaluate', 'turnout', { evaluationId: id, orgId }), [id, orgId]);
  const detail = useCloud(() => call('evaluate', 'evaluation', { evaluationId: id }), [id]);
  const t = turnout.data;
  // Open or not yet open: once the window has ended (计票中, 已结束) there is nothing to close.
  const manageable = !!detail.data?.manageable && (t?.status === 'open' || t?.status === 'scheduled');
  return (
    <ErrorBoundary>
      <View id="turnout-page" className="ev">
        <PageFrame loading={turnout.loading && !t} error={turnout.error} onRetry={() => void turnout.reload()}>
          {t ? (
            <>
              <Text className="ev-intro">{`${t.title} · ${STATUS[t.status]} · 只统计是否投票，不显示投票内容`}</Text>
              <View id="turnout-total" className="card ev-card">
                <View className="ev-row">
                  <Text className="ev-card-title">总投票率</Text>
                  <Text className="ev-card-title">{percent(t.total.rate)}</Text>
                </View>
                <Text className="ev-muted">{`已投 ${t.total.voted} 人 / 应投 ${t.total.electors} 人`}</Text>
              </View>
              {t.rows.map((r, n) => (
                <View key={r.id} id={`turnout-row-${n}`} className="card ev-card turnout-row">
                  <View className="ev-row">
                    <Text>{r.name}</Text>
                    <Text>{percent(r.rate)}</Text>
                  </View>
                  <View className="ev-bar">
                    <View className="ev-bar-fill" style={{ width: `${Math.round(r.rate * 100)}%` }} />
                  </View>
                  <Text className="ev-muted">{`已投 ${r.voted} / 应投 ${r.electors}`}</Text>
                </View>
              ))}
              {t.notVoted ? (
                <View id="turnout-not-voted" className="card ev-card">
                  <Text className="ev-card-title">
                    {t.notVoted.length === 0 ? '本支部已全部投票' : `本支部尚未投票 ${t.notVoted.length} 人`}
                  </Text>
                  {t.notVoted.map((p) => (
                    <View key={p.studentNo} className="ev-row turnout-person">
                      <Text>{p.name}</Text>
                      <Text className="ev-muted">{p.studentNo}</Text>
                    </View>
                  ))}
                </View>
              ) : null}
              {t.status === 'closed' ? (
                <View className="form-actions">
                  <Text className="ev-chip ev-chip-on" onClick={() => void Taro.navigateTo({ url: routes.evaluateResults(id) })}>
                    查看评议结果 ›
                  </Text>
                </View>
              ) : null}
              {manageable ? (
                <CloseEarly
                  id={id}
                  onClosed={() => {
                    void turnout.reload();
                    void detail.reload();
                  }}
                />
              ) : null}
            </>
          ) : null}
        </PageFrame>
      </View>
    </ErrorBoundary>
  );
}
