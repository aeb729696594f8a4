/**
 * 表彰公示: the approved names for everyone in the tree, with the 公示 period; during it anyone may raise an
 * objection to a name (content-checked, read by the committee only). The committee also publishes the list,
 * sees and resolves objections, and issues the awards once the 公示 has ended with none open.
 * Query: ?commendationId=
 * Stable ids/classes: #notice-page, #notice-title, #notice-period, #notice-empty, .notice-item (id notice-<n>),
 *   .notice-object, #objection-form, #objection-text, #objection-submit, #objection-error, #notice-publish,
 *   #notice-issue, #objections, .objection-item, .objection-uphold, .objection-dismiss
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  COMMEND_FIELDS,
  NOMINATION_STATUS_NAMES,
  OBJECTION_STATUS_NAMES,
  type NominationView,
  type ObjectionView,
} from '@contract/commend';
import ErrorBoundary from '@/components/ErrorBoundary';
import { FormSubmit, TextArea } from '@/components/Form';
import { NotBound } from '@/components/NotAllowed';
import PageFrame from '@/components/PageFrame';
import { Button } from '@/components/nut';
import { useAction } from '@/hooks/useAction';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { useReloadOnShow } from '@/hooks/useReloadOnShow';
import { call } from '@/services/cloud';
import { formatDay, formatTime } from '@/utils/date';
import { confirmAction, toastError, toastOk } from '@/utils/feedback';
import '../commend.scss';

function ObjectionForm({ n, onDone }: { n: NominationView; onDone: () => void }) {
  const [text, setText] = useState('');
  const { busy, error, run } = useAction();
  const submit = () =>
    void run(async () => {
      await call('commend', 'raiseObjection', { nominationId: n.id, text: text.trim() });
      toastOk('异议已提交');
      onDone();
    });
  return (
    <View id="objection-form" className="commend-evidence">
      <Text className="commend-evidence-line">对“{n.subjectName}”提出异议（仅校团委可见，请实事求是）：</Text>
      <TextArea
        id="objection-text"
        className="fulfil-textarea"
        value={text}
        limit={COMMEND_FIELDS.objection}
        placeholder="请写明事实和依据"
        onChange={setText}
      />
      <FormSubmit id="objection-submit" errorId="objection-error" error={error} busy={busy} onClick={submit}>
        提交异议
      </FormSubmit>
    </View>
  );
}

function Objections({ list, onChanged }: { list: ObjectionView[]; onChanged: () => void }) {
  const [reason, setReason] = useState('');
  const { busy, run } = useAction({ onError: toastError });
  const resolve = (o: ObjectionView, outcome: 'upheld' | 'dismissed') =>
    void run(async () => {
      const what = outcome === 'upheld' ? '异议成立将撤销该名单。' : '异议不成立，名单保留。';
      if (!(await confirmAction('处理异议', what, '确定'))) return;
      await call('commend', 'resolveObjection', { objectionId: o.id, outcome, reason: reason.trim() });
      toastOk('已处理');
      setReason('');
      onChanged();
    });
  return (
    <View id="objections">
      <Text className="section-title">异议（仅校团委可见）</Text>
      {list.length === 0 ? <Text className="fulfil-sub">暂无异议</Text> : null}
      {list.map((o) => (
        <View key={o.id} className="card objection-item">
          <View className="commend-row">
            <Text className="commend-name">
              {o.subjectName} · {o.awardName}
            </Text>
            <Text className="commend-status">{OBJECTION_STATUS_NAMES[o.status]}</Text>
          </View>
          <Text className="activity-body">{o.text}</Text>
          <Text className="activity-meta">
            {o.byName} 提出于 {formatTime(o.at)}
          </Text>
          {o.resolution ? (
            <Text className="activity-meta">
              {o.resolution.byName} 处理：{o.resolution.reason}
            </Text>
          ) : (
            <View>
              <TextArea
                className="fulfil-textarea"
                value={reason}
                limit={COMMEND_FIELDS.decisionReason}
                placeholder="处理意见（必填）"
                onChange={setReason}
              />
              <View className="commend-actions">
                <Button className="objection-uphold" type="primary" size="small" loading={busy} onClick={() => resolve(o, 'upheld')}>
                  异议成立
                </Button>
                <Button className="objection-dismiss" type="default" size="small" disabled={busy} onClick={() => resolve(o, 'dismissed')}>
                  异议不成立
                </Button>
              </View>
            </View>
          )}
        </View>
      ))}
    </View>
  );
}

function Notice() {
  const commendationId = useParam('commendationId');
  const { loading, data, error, reload } = useCloud(async () => {
    const notice = await call('commend', 'notice', { commendationId });
    const objections = notice.openObjections !== null ? await call('commend', 'objections', { commendationId }) : null;
    return { notice, objections };
  }, [commendationId]);
  const [objecting, setObjecting] = useState<string | null>(null);
  const { busy, run } = useAction({ onError: toastError });
  useReloadOnShow(() => void reload());
  if (error?.code === 'NOT_BOUND') return <NotBound hint="绑定后可以查看表彰公示并提出异议。" />;
  const committee = data?.notice.openObjections !== null && data?.notice.openObjections !== undefined;
  const act = (action: 'publishNotice' | 'issueAwards', title: string, content: string) =>
    void run(async () => {
      if (!(await confirmAction(title, content, '确定'))) return;
      if (action === 'publishNotice') await call('commend', 'publishNotice', { commendationId });
      else toastOk(`已颁发 ${(await call('commend', 'issueAwards', { commendationId })).issued} 项`);
      void reload();
    });
  const n = data?.notice;
  return (
    <PageFrame loading={loading && !data} error={error} onRetry={() => void reload()}>
      {n ? (
        <View>
          <View className="fulfil-head">
            <Text id="notice-title" className="fulfil-title">
              {n.title} · 公示
            </Text>
            <Text id="notice-period" className="fulfil-sub">
              {n.notice
                ? `公示期 ${formatDay(n.notice.start)} — ${formatDay(n.notice.end)}${n.open ? '，期间可对名单提出异议' : n.issued ? '，已颁发' : '，公示期已结束'}`
                : '审定结束后公示'}
            </Text>
          </View>
          {committee ? (
            <View className="fulfil-actions">
              {!n.notice ? (
                <Button
                  id="notice-publish"
                  type="primary"
                  size="small"
                  loading={busy}
                  onClick={() => act('publishNotice', '发布公示', '审定通过的名单将向全校公示。')}
                >
                  发布公示
                </Button>
              ) : null}
              {n.notice && !n.issued ? (
                // Issuing opens once the 公示 has ended; the server also refuses while an objection is open.
                <Button
                  id="notice-issue"
                  type="primary"
                  size="small"
                  loading={busy}
                  disabled={n.open}
                  onClick={() => act('issueAwards', '颁发表彰', '颁发后将通知获奖者并生成荣誉证书。')}
                >
                  {n.open ? '公示期满后颁发' : '颁发表彰'}（待处理异议 {n.openObjections}）
                </Button>
              ) : null}
            </View>
          ) : null}
          {n.items.length === 0 ? (
            <View id="notice-empty">
              <PageFrame
                empty
                emptyIcon="公"
                emptyTitle={n.notice ? '公示名单为空' : '尚未公示'}
                emptyHint="校团委审定后，表彰名单将在这里公示。"
              />
            </View>
          ) : (
            n.items.map((item) => (
              <View key={item.id} id={`notice-${item.id}`} className="card notice-item">
                <View className="commend-row">
                  <Text className="commend-name">{item.subjectName}</Text>
                  <Text className={`commend-status commend-status-${item.status}`}>
                    {item.status === 'approved' ? item.awardName : NOMINATION_STATUS_NAMES[item.status]}
                  </Text>
                </View>
                <Text className="activity-meta">
                  {item.subject === 'member' ? `${item.branchName} · ` : ''}
                  {item.awardName}
                </Text>
                <Text className="activity-body">{item.reason}</Text>
                {n.open && item.status === 'approved' ? (
                  <Text className="link notice-object" onClick={() => setObjecting(objecting === item.id ? null : item.id)}>
                    {objecting === item.id ? '取消' : '提出异议'}
                  </Text>
                ) : null}
                {objecting === item.id ? <ObjectionForm n={item} onDone={() => setObjecting(null)} /> : null}
              </View>
            ))
          )}
          {data?.objections ? <Objections list={data.objections} onChanged={() => void reload()} /> : null}
        </View>
      ) : null}
    </PageFrame>
  );
}

export default function NoticePage() {
  return (
    <ErrorBoundary>
      <View id="notice-page" className="fulfil">
        <Notice />
      </View>
    </ErrorBoundary>
  );
}
