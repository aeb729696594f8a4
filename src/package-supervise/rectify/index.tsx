/**
 * 限期整改: one rectification (?id=) — the finding, deadline, responsible secretary, the answer with photos and its
 * history; the secretary answers (text and photos, uploaded as in 发布活动), the inspector accepts or sends it back —
 * or an org's list (?orgId=&filter=): 待处理 / 已逾期 (escalations, the committee's and colleges' screen) / 全部.
 * Stable ids: #rectify-page, #rectify-tab-<filter>, .rectify-item (id rectify-item-<id>), #rectify-detail,
 *   #rectify-status, #rectify-answer, #rectify-photos, #rectify-answer-submit, #rectify-comment, #rectify-accept,
 *   #rectify-return, #rectify-error
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import {
  MAX_RECTIFICATION_PHOTOS,
  RECTIFICATION_STATUS_NAMES,
  SUPERVISE_FIELDS as F,
  rectificationFolder,
  type RectificationFilter,
  type RectificationView,
} from '@contract/supervise';
import ErrorBoundary from '@/components/ErrorBoundary';
import NotAllowed, { NotBound } from '@/components/NotAllowed';
import PageFrame from '@/components/PageFrame';
import PrivacySheet from '@/components/PrivacySheet';
import { Button } from '@/components/nut';
import { Field, FormSubmit, TextArea } from '@/components/Form';
import { useAccess } from '@/hooks/useAccess';
import { useAction } from '@/hooks/useAction';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { useReloadOnShow } from '@/hooks/useReloadOnShow';
import { routes } from '@/routes';
import { CloudError, call } from '@/services/cloud';
import { formatDay, formatTime } from '@/utils/date';
import PhotoGrid from '../../package-fulfil/components/PhotoGrid';
import PhotoPicker, { allUploaded, type PhotoTile } from '../../package-fulfil/components/PhotoPicker';
import '../supervise.scss';

const FILTERS: { key: RectificationFilter; name: string }[] = [
  { key: 'open', name: '待处理' },
  { key: 'overdue', name: '已逾期' },
  { key: 'all', name: '全部' },
];
const HISTORY_NAMES = { answer: '回复', return: '退回', accept: '通过' } as const;

function statusClass(r: RectificationView): string {
  if (r.status === 'accepted') return 'sv-ok';
  return r.overdue ? 'sv-bad' : 'sv-todo';
}

function statusText(r: RectificationView): string {
  const base = RECTIFICATION_STATUS_NAMES[r.status];
  if (!r.overdue) return base;
  return `${base} · 已逾期${r.escalated ? '，已上报上级' : ''}`;
}

function AnswerForm({ r, onDone }: { r: RectificationView; onDone: (v: RectificationView) => void }) {
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<PhotoTile[]>([]);
  const { busy, error, setError, run } = useAction();
  const submit = () => {
    if (!text.trim()) return setError(new CloudError('INVALID_ARGUMENT', `请填写${F.answer.label}`, { field: 'text' }));
    if (!allUploaded(photos)) return setError(new CloudError('INVALID_ARGUMENT', '还有照片没有上传完成，请稍候或点按失败的照片重试'));
    void run(async () => {
      onDone(
        await call('supervise', 'answerRectification', {
          rectificationId: r.id,
          text: text.trim(),
          photos: photos.map((p) => p.fileID ?? ''),
        }),
      );
      void Taro.showToast({ title: '已提交，等待验收', icon: 'success' });
    });
  };
  return (
    <View className="card">
      <Field label={F.answer.label}>
        <TextArea
          id="rectify-answer"
          className="fulfil-textarea"
          value={text}
          limit={F.answer}
          placeholder="做了哪些整改、效果如何"
          onChange={setText}
        />
      </Field>
      <Field label={`佐证照片（最多 ${MAX_RECTIFICATION_PHOTOS} 张）`}>
        <PhotoPicker
          id="rectify-photos"
          folder={rectificationFolder(r.orgId)}
          max={MAX_RECTIFICATION_PHOTOS}
          tiles={photos}
          onChange={(update) => setPhotos((list) => update(list))}
        />
      </Field>
      <FormSubmit id="rectify-answer-submit" errorId="rectify-error" error={error} busy={busy} onClick={submit}>
        提交整改情况
      </FormSubmit>
    </View>
  );
}

function ReviewForm({ r, onDone }: { r: RectificationView; onDone: (v: RectificationView) => void }) {
  const [comment, setComment] = useState('');
  const { busy, error, run } = useAction();
  const decide = (decision: 'accept' | 'return') =>
    void run(async () => {
      onDone(await call('supervise', 'reviewRectification', { rectificationId: r.id, decision, comment: comment.trim() }));
      void Taro.showToast({ title: decision === 'accept' ? '已通过验收' : '已退回', icon: 'success' });
    });
  return (
    <View className="card">
      <Field label={F.reviewComment.label}>
        <TextArea
          id="rectify-comment"
          className="fulfil-textarea"
          value={comment}
          limit={F.reviewComment}
          placeholder="退回时请写明还需补充什么"
          onChange={setComment}
        />
      </Field>
      {error ? (
        <Text id="rectify-error" className="form-error">
          {error.message}
        </Text>
      ) : null}
      <View className="form-actions sv-links">
        <Button id="rectify-return" type="default" disabled={busy} onClick={() => decide('return')}>
          退回重改
        </Button>
        <Button id="rectify-accept" type="primary" loading={busy} disabled={busy} onClick={() => decide('accept')}>
          通过验收
        </Button>
      </View>
    </View>
  );
}

function Detail({ id }: { id: string }) {
  const { loading, data, error, reload, setData } = useCloud(() => call('supervise', 'rectification', { rectificationId: id }), [id]);
  const r = data;
  return (
    <PageFrame loading={loading && !data} error={error} onRetry={() => void reload()}>
      {r ? (
        <View id="rectify-detail">
          <View className="card">
            <Text className="sv-name">{r.finding}</Text>
            <Text className="sv-label">
              {r.orgName} · 责任人 {r.responsibleName} · 检查人 {r.inspectorName}
            </Text>
            <View className="sv-row">
              <Text className="sv-label">整改期限</Text>
              <Text>{formatDay(r.deadline)}</Text>
            </View>
            <View className="sv-row">
              <Text className="sv-label">状态</Text>
              <Text id="rectify-status" className={`sv-status ${statusClass(r)}`}>
                {statusText(r)}
              </Text>
            </View>
          </View>
          {r.answer ? (
            <View className="card">
              <Text className="sv-label">
                整改情况 · {r.answer.byName} · {formatTime(r.answer.at)}
              </Text>
              <Text style={{ display: 'block', margin: '12px 0' }}>{r.answer.text}</Text>
              <PhotoGrid photos={r.answer.photos} />
            </View>
          ) : null}
          {r.history.length > 0 ? (
            <View className="card sv-history">
              {r.history.map((h, i) => (
                <Text key={i} style={{ display: 'block' }}>
                  {formatTime(h.at)} {h.byName} {HISTORY_NAMES[h.kind]}
                  {h.text ? `：${h.text}` : ''}
                </Text>
              ))}
            </View>
          ) : null}
          {r.canAnswer ? <AnswerForm r={r} onDone={setData} /> : null}
          {r.canReview ? <ReviewForm r={r} onDone={setData} /> : null}
        </View>
      ) : null}
    </PageFrame>
  );
}

function List({ orgId }: { orgId: string }) {
  const initial = useParam('filter') as RectificationFilter;
  const [filter, setFilter] = useState<RectificationFilter>(FILTERS.some((f) => f.key === initial) ? initial : 'open');
  const { loading, data, error, reload } = useCloud(() => call('supervise', 'rectifications', { orgId, filter }), [orgId, filter]);
  useReloadOnShow(reload);
  return (
    <View>
      <View className="card tag-row">
        {FILTERS.map((f) => (
          <Text
            key={f.key}
            id={`rectify-tab-${f.key}`}
            className={`tag${filter === f.key ? ' tag-on' : ''}`}
            onClick={() => setFilter(f.key)}
          >
            {f.name}
          </Text>
        ))}
      </View>
      <PageFrame
        loading={loading && !data}
        error={error}
        onRetry={() => void reload()}
        empty={!!data && data.length === 0}
        emptyIcon="改"
        emptyTitle={filter === 'overdue' ? '没有逾期的整改' : '没有整改事项'}
        emptyHint="检查中发现的问题需要限期整改时，会显示在这里。"
      >
        {(data ?? []).map((r) => (
          <View
            key={r.id}
            id={`rectify-item-${r.id}`}
            className="card rectify-item"
            onClick={() => void Taro.navigateTo({ url: routes.rectify({ id: r.id }) })}
          >
            <Text className="sv-name">{r.finding}</Text>
            <Text className="sv-label">
              {r.orgName} · 期限 {formatDay(r.deadline)} · 责任人 {r.responsibleName}
            </Text>
            <Text className={`sv-status sv-status-line ${statusClass(r)}`}>{statusText(r)} ›</Text>
          </View>
        ))}
      </PageFrame>
    </View>
  );
}

function Gate() {
  const id = useParam('id');
  const orgParam = useParam('orgId');
  const access = useAccess(id ? undefined : orgParam || undefined);
  if (access.unbound) return <NotBound hint="绑定后，团组织书记可以在这里查看和回复整改事项。" />;
  if (access.loading || access.error)
    return <PageFrame loading={access.loading} error={access.error} onRetry={() => void access.reload()} />;
  if (id) return <Detail id={id} />;
  // Without an org: the first org the caller's role covers (a secretary's branch, a college, the committee).
  const orgId = orgParam || access.me?.roles.find((r) => r.role !== 'member')?.orgId || '';
  if (!orgId || !access.can('supervise.rectifications', orgParam ? undefined : null)) {
    return (
      <NotAllowed
        title="整改事项由团组织负责人查看"
        hint="限期整改由检查人提出、本组织书记回复；团员可以在践诺动态中了解组织的工作。"
        onward={{ text: '返回首页', url: routes.home(), tab: true }}
      />
    );
  }
  return (
    <View>
      <Text className="sv-intro">{access.detail?.org.name ?? '本组织'}及下级组织的整改事项</Text>
      <List orgId={orgId} />
    </View>
  );
}

export default function RectifyPage() {
  return (
    <ErrorBoundary>
      <View id="rectify-page" className="supervise">
        <PrivacySheet />
        <Gate />
      </View>
    </ErrorBoundary>
  );
}
