/**
 * 点评总结汇编: every stage summary of the committee's (or a general branch's) subtree for a round, in tree order,
 * each with its parent's comment, and the orgs that have not submitted; one printable page (A4) for the upper party
 * and league organisations.
 * Query: ?orgId=&roundKey=
 * Stable ids/classes: #compiled-page, #compiled-title, #compiled-count, #compiled-round-<roundKey>,
 *   .compiled-entry (id compiled-<orgId>), .compiled-missing, #report-print
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { CompiledEntry } from '@contract/fulfil';
import ErrorBoundary from '@/components/ErrorBoundary';
import { Button } from '@/components/nut';
import PageFrame from '@/components/PageFrame';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { useReloadOnShow } from '@/hooks/useReloadOnShow';
import { call } from '@/services/cloud';
import { formatTime } from '@/utils/date';
import PrintButton from '../components/PrintButton';
import '../fulfil.scss';

function Entry({ e }: { e: CompiledEntry }) {
  return (
    <View id={`compiled-${e.orgId}`} className={`card compiled-entry compiled-${e.level}`}>
      <Text className="activity-title">{e.orgName}</Text>
      <Text className="activity-meta">
        {e.level === 'general' ? '团总支' : '团支部'} · 上级：{e.parentName}
      </Text>
      {e.summary ? (
        <View>
          <Text className="activity-body">{e.summary.text}</Text>
          <Text className="activity-meta">
            {e.summary.byName} · {formatTime(e.summary.at)} · 第 {e.summary.version} 版
            {e.summary.photoCount ? ` · ${e.summary.photoCount} 张照片` : ''}
          </Text>
          {e.comment ? (
            <Text className="evidence-line">
              上级点评：{e.comment.text}（{e.comment.byName}，{formatTime(e.comment.at)}）
            </Text>
          ) : (
            <Text className="form-note">上级尚未点评。</Text>
          )}
        </View>
      ) : (
        <View className="evidence-item evidence-none compiled-missing">
          <Text className="evidence-none-text">未提交阶段总结</Text>
        </View>
      )}
    </View>
  );
}

function Compiled() {
  const orgId = useParam('orgId');
  const asked = useParam('roundKey');
  const [roundKey, setRoundKey] = useState(asked);
  const { loading, data, error, reload } = useCloud(() => call('fulfil', 'compiledSummaries', { orgId, roundKey }), [orgId, roundKey]);
  useReloadOnShow(() => void reload());
  return (
    <PageFrame loading={loading && !data} error={error} onRetry={() => void reload()}>
      {data ? (
        <View>
          <View className="fulfil-head">
            <Text id="compiled-title" className="fulfil-title">
              {data.orgName}点评总结汇编
            </Text>
            <Text className="fulfil-sub">{data.theme}</Text>
            {data.rounds.length > 1 ? (
              <View className="compiled-rounds fulfil-no-print">
                {data.rounds.map((r, i) => (
                  <Button
                    key={r.key}
                    id={`compiled-round-${r.key}`}
                    size="small"
                    type={r.key === data.roundKey ? 'primary' : 'default'}
                    onClick={() => setRoundKey(r.key)}
                  >
                    第{i + 1}轮
                  </Button>
                ))}
              </View>
            ) : null}
            <Text id="compiled-count" className="fulfil-sub">
              已提交 {data.submitted} / {data.total} 个组织 · 汇编于 {formatTime(data.compiledAt)}
            </Text>
          </View>
          {data.entries.length ? (
            data.entries.map((e) => <Entry key={e.orgId} e={e} />)
          ) : (
            <Text className="form-note">下级暂无团总支和团支部。</Text>
          )}
          <PrintButton />
        </View>
      ) : null}
    </PageFrame>
  );
}

export default function CompiledPage() {
  return (
    <ErrorBoundary>
      <View id="compiled-page" className="fulfil">
        <Compiled />
      </View>
    </ErrorBoundary>
  );
}
