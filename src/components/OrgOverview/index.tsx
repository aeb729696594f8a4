/**
 * 承诺概况: an org's and its children's key facts for a round (campaign.orgOverview): each row names the
 * org, whether its 四好 pledge is public (逾期 marked), how many of the orgs below pledged, and the
 * 四带头 signatures of its members. A general branch's row opens its branches; 返回上一级 goes back.
 * Stable ids/classes: #org-overview-<rootId>, .org-overview-row (id org-overview-row-<orgId>),
 * .org-overview-back, .org-overview-title, .org-overview-pledge, .org-overview-signed
 */
import { useState, type ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { OrgFacts } from '@contract/campaign';
import { ORG_LEVEL_NAMES } from '@contract/models';
import { useCloud } from '@/hooks/useCloud';
import { call } from '@/services/cloud';
import PageFrame from '../PageFrame';
import './index.scss';

function pledgeText(f: OrgFacts): string {
  if (f.level !== 'general' && f.level !== 'branch') return '';
  if (!f.pledge) return '四好未公开';
  return f.pledge.late ? '四好已公开（逾期）' : '四好已公开';
}

function Facts({ f }: { f: OrgFacts }) {
  const pct = f.memberCount > 0 ? Math.round((f.signedCount / f.memberCount) * 100) : 0;
  const pledge = pledgeText(f);
  return (
    <View className="org-overview-facts">
      {pledge ? <Text className={`org-overview-pledge${f.pledge ? ' org-overview-ok' : ' org-overview-todo'}`}>{pledge}</Text> : null}
      {f.children > 0 ? (
        <Text className="org-overview-tag">
          下级承诺 {f.childrenPledged}/{f.children}
        </Text>
      ) : null}
      <Text className="org-overview-signed">
        四带头 {f.signedCount}/{f.memberCount} 人{f.memberCount > 0 ? ` · ${pct}%` : ''}
      </Text>
    </View>
  );
}

/** `title` null: no heading (a list of these under one page heading, e.g. 我的联系点); 返回上一级 still shows when drilled in. */
export default function OrgOverview({
  orgId,
  roundKey,
  title,
  children,
}: {
  orgId: string;
  roundKey: string;
  title?: string | null;
  /** Under the facts, inside the card: e.g. a way on to the org's 践诺动态. */
  children?: ReactNode;
}) {
  const [path, setPath] = useState<string[]>([orgId]);
  const current = path[path.length - 1];
  const { loading, data, error, reload } = useCloud(
    () => call('campaign', 'orgOverview', { orgId: current, roundKey }),
    [current, roundKey],
  );
  const shown = data && data.org.orgId === current ? data : null;

  return (
    <View id={`org-overview-${orgId}`} className="card org-overview">
      {title !== null || path.length > 1 ? (
        <View className="org-overview-head">
          <Text className="org-overview-title">{title ?? '承诺概况'}</Text>
          {path.length > 1 ? (
            <Text className="link org-overview-back" onClick={() => setPath((p) => p.slice(0, -1))}>
              ‹ 返回上一级
            </Text>
          ) : null}
        </View>
      ) : null}
      <PageFrame loading={loading && !shown} error={error} onRetry={() => void reload()}>
        {shown ? (
          <View>
            <View className="org-overview-self">
              <Text className="org-overview-name">{shown.org.name}</Text>
              <Facts f={shown.org} />
            </View>
            {shown.children.length === 0 && shown.org.level !== 'branch' ? <Text className="form-note">没有下级组织。</Text> : null}
            {shown.children.map((c) => {
              const drill = c.level === 'general' || (c.level === 'branch' && c.children > 0);
              return (
                <View
                  key={c.orgId}
                  id={`org-overview-row-${c.orgId}`}
                  className={`org-overview-row${drill ? ' org-overview-drill' : ''}`}
                  onClick={() => drill && setPath((p) => [...p, c.orgId])}
                >
                  <View className="org-overview-row-main">
                    <Text className="org-overview-row-name">{c.name}</Text>
                    <Text className="org-overview-level">{ORG_LEVEL_NAMES[c.level]}</Text>
                  </View>
                  <Facts f={c} />
                  {drill ? <Text className="org-overview-arrow">›</Text> : null}
                </View>
              );
            })}
          </View>
        ) : null}
      </PageFrame>
      {children}
    </View>
  );
}
