/**
 * Pick one org (move: the new parent) or several (a leader's contact points) by browsing the tree.
 * ids/classes: <id> (sheet), .picker-crumbs, .picker-row (id picker-row-<orgId>), .picker-open,
 * .check / .check-on, <id>-ok.
 */
import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { OrgView } from '@contract/org';
import PageFrame from '@/components/PageFrame';
import { useAction } from '@/hooks/useAction';
import { useCloud } from '@/hooks/useCloud';
import { CloudError, call } from '@/services/cloud';
import Sheet, { SheetFooter } from './Sheet';
import { LEVEL_BADGE, levelName } from './util';

export interface OrgPickerProps {
  id: string;
  title: string;
  multi?: boolean;
  initial?: { id: string; name: string }[];
  /** Orgs that may be ticked (others can only be opened). */
  selectable: (org: OrgView) => boolean;
  /** Orgs hidden from the list (e.g. the org being moved). */
  hidden?: (org: OrgView) => boolean;
  okText?: string;
  onClose: () => void;
  onConfirm: (picked: { id: string; name: string }[]) => Promise<void>;
}

interface Level {
  crumbs: OrgView[];
  items: (OrgView & { childCount?: number })[];
}

export default function OrgPicker(props: OrgPickerProps) {
  const { id, title, multi, initial, selectable, hidden, okText, onClose, onConfirm } = props;
  const [at, setAt] = useState<string | null>(null);
  const [picked, setPicked] = useState<Map<string, string>>(() => new Map((initial ?? []).map((o) => [o.id, o.name])));
  const { busy, error, setError, run } = useAction();

  const level = useCloud(async (): Promise<Level> => {
    if (at === null) {
      const roots = await call('org', 'roots', {});
      return { crumbs: [], items: roots };
    }
    const d = await call('org', 'detail', { orgId: at });
    return { crumbs: [...d.ancestors, d.org], items: d.children };
  }, [at]);

  const open = (orgId: string | null) => setAt(orgId);

  const toggle = (org: OrgView) => {
    setPicked((prev) => {
      const next = multi ? new Map(prev) : new Map<string, string>();
      if (prev.has(org.id)) next.delete(org.id);
      else next.set(org.id, org.name);
      return next;
    });
  };

  const submit = () => {
    if (busy) return;
    if (!multi && picked.size === 0) {
      setError(new CloudError('INVALID_ARGUMENT', '请选择一个组织'));
      return;
    }
    void run(() => onConfirm([...picked.entries()].map(([pid, name]) => ({ id: pid, name }))));
  };

  const items = (level.data?.items ?? []).filter((o) => !o.archived && !(hidden && hidden(o)));

  return (
    <Sheet id={id} title={title} onClose={onClose}>
      <View className="crumbs picker-crumbs">
        <Text className="crumb" onClick={() => open(null)}>
          全部
        </Text>
        {(level.data?.crumbs ?? []).map((c) => (
          <View key={c.id}>
            <Text className="crumb-sep">/</Text>
            <Text className="crumb" onClick={() => open(c.id)}>
              {c.name}
            </Text>
          </View>
        ))}
      </View>
      <PageFrame
        loading={level.loading}
        error={level.error}
        onRetry={() => void level.reload()}
        empty={items.length === 0}
        emptyTitle="没有下级组织"
      >
        {items.map((o) => {
          const can = selectable(o);
          const on = picked.has(o.id);
          const childCount = 'childCount' in o && typeof o.childCount === 'number' ? o.childCount : null;
          return (
            <View key={o.id} id={`picker-row-${o.id}`} className="row picker-row">
              {can ? (
                <View className={`check${on ? ' check-on' : ''}`} onClick={() => toggle(o)}>
                  {on ? '✓' : ''}
                </View>
              ) : null}
              <View className="row-main" onClick={() => (can ? toggle(o) : open(o.id))}>
                <Text className="row-title">{o.name}</Text>
                <Text className="row-sub">{levelName(o.level)}</Text>
              </View>
              {childCount !== 0 ? (
                <Text className="row-action picker-open" onClick={() => open(o.id)}>
                  下级 ›
                </Text>
              ) : (
                <Text className="level-badge">{LEVEL_BADGE[o.level]}</Text>
              )}
            </View>
          );
        })}
      </PageFrame>
      <Text className="form-note">
        {picked.size > 0 ? `已选：${[...picked.values()].join('、')}` : multi ? '可选择多个组织' : '请选择一个组织'}
      </Text>
      <SheetFooter id={id} error={error} busy={busy} okText={okText} onCancel={onClose} onOk={submit} />
    </Sheet>
  );
}
