/**
 * 评议投票: the caller's secret ballot — per target a choice (满意 / 基本满意 / 不满意) or a 1–5 score per 四好 item, and
 * an optional anonymous comment — confirmed ("提交后不可修改"), answered with a receipt code to check after the close.
 * Query: ?id=. Stable ids/classes for e2e: #ballot-page, .ballot-target (id ballot-target-<n>), #ballot-<n>-<choice>,
 * #ballot-<n>-<good>-<score>, #ballot-<n>-comment, #ballot-submit, #ballot-error, #ballot-receipt, #ballot-receipt-code.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { CHOICE_NAMES, CHOICES, MAX_SCORE, type Answer, type Choice, type EvaluationView, type Scores } from '@contract/evaluate';
import { FIELDS } from '@contract/fields';
import { FOUR_GOOD_NAMES, FOUR_GOODS, type FourGood } from '@contract/models';
import ErrorBoundary from '@/components/ErrorBoundary';
import { FormSubmit, TextArea } from '@/components/Form';
import PageFrame from '@/components/PageFrame';
import PrivacySheet from '@/components/PrivacySheet';
import { Button } from '@/components/nut';
import { useAction } from '@/hooks/useAction';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { routes } from '@/routes';
import { call } from '@/services/cloud';
import { formatDay, formatTime } from '@/utils/date';
import { confirmAction, toastOk } from '@/utils/feedback';
import '../evaluate.scss';

type Draft = { choice?: Choice; scores: Partial<Scores>; comment: string };

function complete(e: EvaluationView, d: Draft | undefined): boolean {
  if (!d) return false;
  return e.form === 'choice' ? !!d.choice : FOUR_GOODS.every((g) => d.scores[g] !== undefined);
}

function Receipt({ id, receipt }: { id: string; receipt: string }) {
  const copy = async () => {
    await Taro.setClipboardData({ data: receipt });
    toastOk('已复制');
  };
  return (
    <View id="ballot-receipt" className="card ev-card ev-receipt">
      <Text className="ev-card-title">投票成功</Text>
      <Text className="ev-muted">你的回执码（请保存，评议结束后可核对选票是否计入）</Text>
      <Text id="ballot-receipt-code" className="ev-receipt-code">
        {receipt}
      </Text>
      <Text className="ev-muted">选票不记录你的姓名和投票时间，任何人都无法从选票查到是谁投的。</Text>
      <View className="ev-chips">
        <Button size="small" onClick={() => void copy()}>
          复制回执码
        </Button>
        <Button size="small" type="primary" onClick={() => void Taro.redirectTo({ url: routes.evaluateReceipt(id, receipt) })}>
          核对回执
        </Button>
      </View>
    </View>
  );
}

function Ballot({ e }: { e: EvaluationView }) {
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [receipt, setReceipt] = useState<string | null>(null);
  const action = useAction();
  const set = (targetId: string, change: Partial<Draft>) =>
    setDrafts((all) => ({ ...all, [targetId]: { ...(all[targetId] ?? { scores: {}, comment: '' }), ...change } }));

  if (receipt) return <Receipt id={e.id} receipt={receipt} />;
  if (e.voted)
    return (
      <PageFrame empty emptyIcon="✓" emptyTitle="你已投票" emptyHint="每人只能投一票，提交后不可修改。评议结束后可以核对回执、查看结果。" />
    );
  if (e.status !== 'open') {
    const why = e.status === 'scheduled' ? `评议将于 ${formatTime(e.opensAt)} 开始` : '评议已结束，不能再投票';
    return <PageFrame empty emptyIcon="评" emptyTitle={why} />;
  }
  if (e.myTargets.length === 0) return <PageFrame empty emptyIcon="!" emptyTitle="你不在本次评议的参评范围内" />;

  const submit = () =>
    action.run(async () => {
      const missing = e.myTargets.find((t) => !complete(e, drafts[t.id]));
      if (missing) {
        void Taro.showToast({ title: `请完成对${missing.name}的评价`, icon: 'none' });
        return;
      }
      if (!(await confirmAction('确认提交', '提交后不可修改。选票不记录你的姓名，提交后你会得到一个回执码。', '提交'))) return;
      const answers: Answer[] = e.myTargets.map((t) => {
        const d = drafts[t.id];
        const comment = d.comment.trim();
        const part = e.form === 'choice' ? { choice: d.choice } : { scores: d.scores as Scores };
        return { targetId: t.id, ...part, ...(comment ? { comment } : {}) };
      });
      const res = await call('evaluate', 'vote', { evaluationId: e.id, answers });
      setReceipt(res.receipt);
    });

  return (
    <>
      <Text className="ev-intro">{`${e.organiserName}发起 · ${formatDay(e.end)} 24:00 截止 · 匿名投票，每人一票`}</Text>
      {e.myTargets.map((t, n) => {
        const d = drafts[t.id];
        return (
          <View key={t.id} id={`ballot-target-${n}`} className="card ev-card ballot-target">
            <Text className="ev-card-title">{t.name}</Text>
            {e.form === 'choice' ? (
              <View className="ev-chips">
                {CHOICES.map((c) => (
                  <Text
                    key={c}
                    id={`ballot-${n}-${c}`}
                    className={`ev-chip${d?.choice === c ? ' ev-chip-on' : ''}`}
                    onClick={() => set(t.id, { choice: c })}
                  >
                    {CHOICE_NAMES[c]}
                  </Text>
                ))}
              </View>
            ) : (
              FOUR_GOODS.map((g: FourGood) => (
                <View key={g} className="ev-score-row">
                  <Text className="ev-muted">{FOUR_GOOD_NAMES[g]}</Text>
                  <View className="ev-chips">
                    {Array.from({ length: MAX_SCORE }, (_v, k) => k + 1).map((s) => (
                      <Text
                        key={s}
                        id={`ballot-${n}-${g}-${s}`}
                        className={`ev-chip${d?.scores[g] === s ? ' ev-chip-on' : ''}`}
                        onClick={() => set(t.id, { scores: { ...d?.scores, [g]: s } })}
                      >
                        {`${s} 分`}
                      </Text>
                    ))}
                  </View>
                </View>
              ))
            )}
            <TextArea
              id={`ballot-${n}-comment`}
              className="field-textarea"
              value={d?.comment ?? ''}
              onChange={(comment) => set(t.id, { comment })}
              limit={FIELDS.evaluationComment}
              placeholder="意见建议（选填，匿名展示）"
            />
          </View>
        );
      })}
      <View className="ev-submit">
        <FormSubmit
          id="ballot-submit"
          errorId="ballot-error"
          error={action.error}
          busy={action.busy}
          onClick={() => void submit()}
          note="提交后不可修改"
        >
          提交选票
        </FormSubmit>
      </View>
    </>
  );
}

export default function BallotPage() {
  const id = useParam('id');
  const { loading, data, error, reload } = useCloud(() => call('evaluate', 'evaluation', { evaluationId: id }), [id]);
  return (
    <ErrorBoundary>
      <View id="ballot-page" className="ev">
        <PageFrame loading={loading && !data} error={error} onRetry={() => void reload()}>
          {data ? (
            <>
              <Text className="ev-intro">{data.title}</Text>
              <Ballot e={data} />
            </>
          ) : null}
        </PageFrame>
        {/* Copying the receipt uses the clipboard, a privacy API: WeChat asks for consent first. */}
        <PrivacySheet />
      </View>
    </ErrorBoundary>
  );
}
