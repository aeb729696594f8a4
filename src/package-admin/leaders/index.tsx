/**
 * 领导小组 (admins): the leading group and each leader's contact points (联系点) — the grassroots
 * orgs they personally follow (org.leadingGroup, org.setContactPoints). A new leader is a staff
 * account or member given contact points.
 * Stable ids/classes for e2e:
 *   #leaders-page, #leaders-list / .leader-card (id leader-<holderId>), .leader-name,
 *   .contact-point (one per org), .leader-edit (编辑联系点), .leader-remove
 *   #leader-add (添加成员) → #leader-add-sheet (HolderPicker) → #contact-sheet (OrgPicker, -ok)
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { OrgView } from '@contract/org';
import ErrorBoundary from '@/components/ErrorBoundary';
import PageFrame from '@/components/PageFrame';
import { Button } from '@/components/nut';
import { useCloud } from '@/hooks/useCloud';
import { call } from '@/services/cloud';
import HolderPicker from '../components/HolderPicker';
import OrgPicker from '../components/OrgPicker';
import { confirmAction, toastError, toastOk } from '@/utils/feedback';
import '../admin.scss';
import './index.scss';

interface Editing {
  holderId: string;
  name: string;
  points: { id: string; name: string }[];
}

const pointable = (o: OrgView) => o.level === 'general' || o.level === 'branch' || o.level === 'group';

function LeadersPage() {
  const group = useCloud(() => call('org', 'leadingGroup', {}));
  const committee = useCloud(() => call('org', 'roots', {}));
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Editing | null>(null);
  const list = group.data ?? [];
  const rootId = committee.data?.[0]?.id ?? '';

  const remove = async (holderId: string, name: string) => {
    const ok = await confirmAction('移出领导小组', `移出后${name}将不再跟进任何联系点。确定移出吗？`, '移出');
    if (!ok) return;
    try {
      await call('org', 'setContactPoints', { holderId, orgIds: [] });
      toastOk('已移出');
      await group.reload();
    } catch (err) {
      toastError(err);
    }
  };

  return (
    <View id="leaders-page" className="admin-page">
      <View className="card">
        <Text className="form-note">领导小组成员各自联系若干基层团组织（联系点），负责跟进、督促和检查。</Text>
        <View className="form-actions">
          <Button
            id="leader-add"
            type="primary"
            block
            onClick={() => (rootId ? setAdding(true) : toastError(committee.error ?? new Error('not loaded')))}
          >
            添加成员
          </Button>
        </View>
      </View>
      <PageFrame
        loading={group.loading && !group.data}
        error={group.error}
        onRetry={() => void group.reload()}
        empty={list.length === 0}
        emptyTitle="领导小组暂无成员"
        emptyHint="点击“添加成员”，并为其选择联系点。"
      >
        <View id="leaders-list">
          {list.map((l) => (
            <View key={l.holderId} id={`leader-${l.holderId}`} className="card leader-card">
              <View className="card-title-row">
                <Text className="card-title leader-name">{l.name}</Text>
                <View className="head-title-row">
                  <Text
                    className="link leader-edit"
                    onClick={() =>
                      setEditing({
                        holderId: l.holderId,
                        name: l.name,
                        points: l.contactPoints.map((p) => ({ id: p.orgId, name: p.orgName })),
                      })
                    }
                  >
                    编辑联系点
                  </Text>
                  <Text className="link leader-remove" onClick={() => void remove(l.holderId, l.name)}>
                    移出
                  </Text>
                </View>
              </View>
              <Text className="row-sub">联系点 {l.contactPoints.length} 个</Text>
              <View className="contact-points">
                {l.contactPoints.length === 0 ? <Text className="muted">尚未设置联系点</Text> : null}
                {l.contactPoints.map((p) => (
                  <Text key={p.orgId} className="tag contact-point">
                    {p.orgName}
                  </Text>
                ))}
              </View>
            </View>
          ))}
        </View>
      </PageFrame>
      {adding && rootId ? (
        <HolderPicker
          id="leader-add-sheet"
          title="选择领导小组成员"
          orgId={rootId}
          allowStaff
          onClose={() => setAdding(false)}
          onPick={(h) => {
            setAdding(false);
            const existing = list.find((l) => l.holderId === h.holderId);
            setEditing({
              holderId: h.holderId,
              name: h.name,
              points: existing ? existing.contactPoints.map((p) => ({ id: p.orgId, name: p.orgName })) : [],
            });
          }}
        />
      ) : null}
      {editing ? (
        <OrgPicker
          id="contact-sheet"
          title={`${editing.name}的联系点`}
          multi
          initial={editing.points}
          selectable={pointable}
          okText="保存联系点"
          onClose={() => setEditing(null)}
          onConfirm={async (picked) => {
            await call('org', 'setContactPoints', { holderId: editing.holderId, orgIds: picked.map((p) => p.id) });
            setEditing(null);
            toastOk('已保存');
            await group.reload();
          }}
        />
      ) : null}
    </View>
  );
}

export default function LeadingGroupPage() {
  return (
    <ErrorBoundary>
      <LeadersPage />
    </ErrorBoundary>
  );
}
