/**
 * One nomination: who, for which award, its status and every step (who, when, why); 查看依据 opens its evidence
 * (the 四带头 pledge, check-ins, activities, review; or a branch's 四好 record); and, for the one who decides
 * next, a reason box with the two decisions.
 * Stable ids/classes: .nomination-card (id nomination-<n>), .nomination-status, .nomination-evidence-toggle,
 *   .nomination-evidence, .nomination-reason, .nomination-accept, .nomination-decline
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { COMMEND_FIELDS, NOMINATION_STATUS_NAMES, STEP_NAMES, type NominationDetail, type NominationView } from '@contract/commend';
import { FOUR_LEAD_NAMES } from '@contract/models';
import { TextArea } from '@/components/Form';
import { Button } from '@/components/nut';
import { useAction } from '@/hooks/useAction';
import { call } from '@/services/cloud';
import { formatDate, formatTime } from '@/utils/date';
import { toastError, toastOk } from '@/utils/feedback';

export interface Decider {
  accept: string;
  decline: string;
  run: (decision: 'accept' | 'decline', reason: string) => Promise<unknown>;
}

function Evidence({ detail }: { detail: NominationDetail }) {
  const e = detail.evidence;
  if (e.kind === 'member') {
    return (
      <View className="commend-evidence nomination-evidence">
        <Text className="commend-evidence-line">“四带头”承诺：{e.signedAt ? `${formatDate(e.signedAt)} 已签署` : '未签署'}</Text>
        {e.leads.map((l) => (
          <Text key={l.lead} className="commend-evidence-line">
            {FOUR_LEAD_NAMES[l.lead]}：{l.commitments.join('；') || '—'}（践诺打卡 {l.checkIns} 次）
          </Text>
        ))}
        <Text className="commend-evidence-line">
          参加活动 {e.activities.length} 次
          {e.activities.length
            ? `：${e.activities
                .slice(0, 5)
                .map((a) => a.title)
                .join('、')}`
            : ''}
        </Text>
        <Text className="commend-evidence-line">
          支部评诺：{e.review ? `${e.review.grade}（${e.review.byName}：${e.review.comment}）` : '尚未评诺'}
        </Text>
      </View>
    );
  }
  return (
    <View className="commend-evidence nomination-evidence">
      <Text className="commend-evidence-line">“四好”承诺：{e.pledged ? '已公开承诺' : '未提交'}</Text>
      <Text className="commend-evidence-line">
        开展活动 {e.activities.length} 次
        {e.activities.length
          ? `：${e.activities
              .slice(0, 5)
              .map((a) => a.title)
              .join('、')}`
          : ''}
      </Text>
      <Text className="commend-evidence-line">
        团总支点评：{e.review ? `${e.review.grade}（${e.review.byName}：${e.review.comment}）` : '尚未点评'}
      </Text>
      <Text className="commend-evidence-line">群众评议：{e.evaluation ? e.evaluation.summary : '结果尚未公布'}</Text>
    </View>
  );
}

export default function NominationCard({ n, decider, onChanged }: { n: NominationView; decider?: Decider; onChanged?: () => void }) {
  const [detail, setDetail] = useState<NominationDetail | null>(null);
  const [reason, setReason] = useState('');
  const { busy, run } = useAction({ onError: toastError });

  const toggleEvidence = () => {
    if (detail) return setDetail(null);
    void run(async () => setDetail(await call('commend', 'nomination', { nominationId: n.id })));
  };
  const decide = (decision: 'accept' | 'decline') =>
    void run(async () => {
      await decider?.run(decision, reason.trim());
      toastOk('已提交');
      setReason('');
      onChanged?.();
    });

  return (
    <View id={`nomination-${n.id}`} className="card nomination-card">
      <View className="commend-row">
        <Text className="commend-name">
          {n.subjectName}
          {n.subject === 'member' ? ` · ${n.branchName}` : ''}
        </Text>
        <Text className={`commend-status commend-status-${n.status} nomination-status`}>{NOMINATION_STATUS_NAMES[n.status]}</Text>
      </View>
      <Text className="activity-meta">{n.awardName}</Text>
      <Text className="activity-body">推荐理由：{n.reason}</Text>
      <View className="commend-steps">
        {n.steps.map((s, i) => (
          <Text key={i} className="commend-step">
            {formatTime(s.at)} · {s.orgName} {s.byName} {STEP_NAMES[s.action]}
            {s.action === 'nominate' ? '' : `：${s.reason}`}
          </Text>
        ))}
      </View>
      <Text className="link nomination-evidence-toggle" onClick={toggleEvidence}>
        {detail ? '收起依据' : '查看依据'}
      </Text>
      {detail ? <Evidence detail={detail} /> : null}
      {decider ? (
        <View>
          <TextArea
            className="fulfil-textarea nomination-reason"
            value={reason}
            limit={COMMEND_FIELDS.decisionReason}
            placeholder="审核意见（必填，推荐单位可见）"
            onChange={setReason}
          />
          <View className="commend-actions">
            <Button className="nomination-accept" type="primary" size="small" loading={busy} onClick={() => decide('accept')}>
              {decider.accept}
            </Button>
            <Button className="nomination-decline" type="default" size="small" disabled={busy} onClick={() => decide('decline')}>
              {decider.decline}
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}
