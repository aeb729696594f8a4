/**
 * 点评总结 on the org report: the org's own stage summary (its secretary writes or edits it once the
 * review stage opens) with the parent's comment, and the child orgs' summaries the caller comments on.
 * Stable ids/classes: #summary-own, #summary-text, #summary-submit, #summary-error, .summary-child
 * (id summary-child-<orgId>), .summary-comment-input, .summary-comment-submit
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { FIELDS } from '@contract/fields';
import type { SummariesView, SummaryView } from '@contract/fulfil';
import { TextArea } from '@/components/Form';
import { Button } from '@/components/nut';
import { useAction } from '@/hooks/useAction';
import { call } from '@/services/cloud';
import { formatDay, formatTime } from '@/utils/date';
import PhotoGrid from './PhotoGrid';

function Shown({ s }: { s: SummaryView }) {
  return (
    <View>
      <Text className="activity-body">{s.text}</Text>
      <PhotoGrid photos={s.photos} removed={s.removed} />
      <Text className="activity-meta">
        {s.byName} · {formatTime(s.at)} · 第 {s.version} 版
      </Text>
      {s.comment ? (
        <Text className="evidence-line">
          上级点评：{s.comment.text}（{s.comment.byName}，{formatTime(s.comment.at)}）
        </Text>
      ) : (
        <Text className="form-note">上级尚未点评。</Text>
      )}
    </View>
  );
}

function Child({ s, roundKey, canComment }: { s: SummaryView; roundKey: string; canComment: boolean }) {
  const [view, setView] = useState(s);
  const [comment, setComment] = useState(s.comment?.text ?? '');
  const { busy, error, run } = useAction();
  const save = () =>
    void run(async () => {
      setView(await call('fulfil', 'commentSummary', { orgId: s.orgId, roundKey, comment: comment.trim() }));
      void Taro.showToast({ title: '已点评', icon: 'success' });
    });
  return (
    <View id={`summary-child-${s.orgId}`} className="card summary-child">
      <Text className="activity-title">{s.orgName}</Text>
      <Shown s={view} />
      {canComment ? (
        <View className="fulfil-no-print">
          <TextArea
            className="fulfil-textarea summary-comment-input"
            value={comment}
            limit={FIELDS.comment}
            placeholder="成绩、问题与努力方向"
            onChange={setComment}
          />
          {error ? <Text className="form-error">{error.message}</Text> : null}
          <Button
            className="summary-comment-submit"
            type="default"
            size="small"
            loading={busy}
            disabled={busy || !comment.trim()}
            onClick={save}
          >
            {view.comment ? '修改点评' : '点评'}
          </Button>
        </View>
      ) : null}
    </View>
  );
}

export default function SummaryBlock({ data, onSaved }: { data: SummariesView; onSaved: (own: SummaryView) => void }) {
  const [text, setText] = useState(data.own?.text ?? '');
  const { busy, error, run } = useAction();
  const open = data.open;
  const submit = () =>
    void run(async () => {
      const own = await call('fulfil', 'submitSummary', {
        orgId: data.orgId,
        roundKey: data.roundKey,
        text: text.trim(),
        photos: data.own?.photos.map((p) => p.fileID) ?? [],
      });
      void Taro.showToast({ title: '已提交总结', icon: 'success' });
      onSaved(own);
    });
  return (
    <View>
      <Text className="section-title">点评总结</Text>
      {data.canSubmit || data.own ? (
        <View id="summary-own" className="card">
          <Text className="activity-title">本组织阶段总结</Text>
          {data.own ? <Shown s={data.own} /> : null}
          {data.canSubmit && open ? (
            <View className="fulfil-no-print">
              <TextArea
                id="summary-text"
                className="fulfil-textarea"
                value={text}
                limit={FIELDS.summaryText}
                placeholder="本阶段的工作、成绩、问题和下一步打算"
                onChange={setText}
              />
              {error ? (
                <Text id="summary-error" className="form-error">
                  {error.message}
                </Text>
              ) : null}
              <Button id="summary-submit" type="primary" block loading={busy} disabled={busy || !text.trim()} onClick={submit}>
                {data.own ? '修改总结' : '提交总结'}
              </Button>
            </View>
          ) : null}
          {data.canSubmit && !open ? <Text className="form-note">点评总结阶段（{formatDay(data.opensOn)}起）开始后提交。</Text> : null}
        </View>
      ) : null}
      {data.children.map((s) => (
        <Child key={s.orgId} s={s} roundKey={data.roundKey} canComment={data.canComment} />
      ))}
    </View>
  );
}
