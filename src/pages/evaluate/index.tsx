/**
 * 评议 (tab): the caller's mass evaluations — those they vote in (投票 / 已投票) and those their roles oversee
 * (投票情况, 修改, 结果) — with status and deadline. Thin on purpose: the forms live in package-evaluate.
 * Stable ids/classes for e2e: #evaluate-page, #evaluate-create, .evaluate-item (id evaluate-item-<n>), .evaluate-status,
 * .evaluate-voted, .evaluate-vote, .evaluate-turnout, .evaluate-results, .evaluate-edit, .page-frame-empty.
 */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { EvaluationView } from '@contract/evaluate';
import type { WhoAmI } from '@contract/system';
import ErrorBoundary from '@/components/ErrorBoundary';
import PageFrame from '@/components/PageFrame';
import { Button } from '@/components/nut';
import { useAccess } from '@/hooks/useAccess';
import { useCloud } from '@/hooks/useCloud';
import { useReloadOnShow } from '@/hooks/useReloadOnShow';
import { routes } from '@/routes';
import { call } from '@/services/cloud';
import { formatDay } from '@/utils/date';
import './index.scss';

const STATUS: Record<EvaluationView['status'], string> = { scheduled: '未开始', open: '进行中', counting: '计票中', closed: '已结束' };

const go = (url: string) => void Taro.navigateTo({ url });

/** The org from which the caller watches turnout: the organiser for its managers, else their own org inside a target. */
function watchOrg(e: EvaluationView, me: WhoAmI | null): string | null {
  if (e.manageable) return e.organiserId;
  const grant = me?.roles.find(
    (r) =>
      (r.role === 'secretary' || r.role === 'generalSecretary') &&
      e.targets.some((t) => t.id === r.orgId || me.orgPath.some((o) => o.id === t.id)),
  );
  return grant?.orgId ?? null;
}

function Item({ e, index, me }: { e: EvaluationView; index: number; me: WhoAmI | null }) {
  const watch = watchOrg(e, me);
  return (
    <View id={`evaluate-item-${index}`} className="card evaluate-item">
      <View className="evaluate-item-head">
        <Text className="evaluate-title">{e.title}</Text>
        <Text className={`evaluate-status evaluate-status-${e.status}`}>{STATUS[e.status]}</Text>
      </View>
      <Text className="evaluate-meta">{`${e.organiserName} 发起 · ${formatDay(e.start)} 至 ${formatDay(e.end)}`}</Text>
      {e.voted !== null ? (
        <Text className={`evaluate-voted${e.voted ? ' evaluate-voted-yes' : ''}`}>
          {e.voted ? '你已投票' : `你可评议：${e.myTargets.map((t) => t.name).join('、')}`}
        </Text>
      ) : null}
      <View className="evaluate-actions">
        {e.status === 'open' && e.voted === false ? (
          <Button className="evaluate-vote" type="primary" size="small" onClick={() => go(routes.evaluateBallot(e.id))}>
            去投票
          </Button>
        ) : null}
        {e.voted ? (
          <Button className="evaluate-receipt" size="small" onClick={() => go(routes.evaluateReceipt(e.id))}>
            核对回执
          </Button>
        ) : null}
        {watch && e.status !== 'scheduled' ? (
          <Button className="evaluate-turnout" size="small" onClick={() => go(routes.evaluateTurnout(e.id, watch))}>
            投票情况
          </Button>
        ) : null}
        {e.manageable && e.status === 'scheduled' ? (
          <Button className="evaluate-edit" size="small" onClick={() => go(routes.evaluateEdit({ id: e.id }))}>
            修改
          </Button>
        ) : null}
        {e.status === 'closed' ? (
          <Button className="evaluate-results" type="primary" size="small" onClick={() => go(routes.evaluateResults(e.id))}>
            查看结果
          </Button>
        ) : null}
      </View>
    </View>
  );
}

export default function EvaluatePage() {
  const access = useAccess();
  const list = useCloud(() => call('evaluate', 'myEvaluations', {}), []);
  useReloadOnShow(() => void list.reload());
  const organiser = access.me?.roles.find((r) => r.role === 'admin' || r.role === 'generalSecretary');
  const items = list.data ?? [];
  return (
    <ErrorBoundary>
      <View id="evaluate-page" className="tab-page evaluate">
        {organiser && access.can('evaluate.createEvaluation', null) ? (
          <Button id="evaluate-create" type="primary" block onClick={() => go(routes.evaluateEdit({ organiserId: organiser.orgId }))}>
            发起群众评议
          </Button>
        ) : null}
        <PageFrame
          loading={list.loading && !list.data}
          error={list.error}
          onRetry={() => void list.reload()}
          empty={!!list.data && items.length === 0}
          emptyIcon="评"
          emptyTitle="暂无评议"
          emptyHint="上级团组织发起群众评议后，可以在这里为相关团组织投票。每人一票，匿名提交，提交后不可修改。"
        >
          {items.map((e, i) => (
            <Item key={e.id} e={e} index={i} me={access.me} />
          ))}
        </PageFrame>
      </View>
    </ErrorBoundary>
  );
}
