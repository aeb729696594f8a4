/**
 * Pick who gets a role: a member of the org's subtree (roster.listMembers search) or a staff account
 * (org.listStaff). ids/classes: <id> (sheet), #holder-tab-member, #holder-tab-staff, #holder-search,
 * .holder-row (id holder-<holderId>).
 */
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import PageFrame from '@/components/PageFrame';
import { Button } from '@/components/nut';
import { useCloud } from '@/hooks/useCloud';
import { call } from '@/services/cloud';
import Sheet from './Sheet';

export interface Holder {
  holderId: string;
  name: string;
  sub: string;
}

export interface HolderPickerProps {
  id: string;
  title: string;
  orgId: string;
  /** Whether the staff tab is offered (admins only). */
  allowStaff: boolean;
  onClose: () => void;
  onPick: (holder: Holder) => void;
}

export default function HolderPicker({ id, title, orgId, allowStaff, onClose, onPick }: HolderPickerProps) {
  const [tab, setTab] = useState<'member' | 'staff'>('member');
  const [keyword, setKeyword] = useState('');
  const [query, setQuery] = useState('');

  const holders = useCloud(async (): Promise<Holder[]> => {
    if (tab === 'staff') {
      const staff = await call('org', 'listStaff', {});
      const q = query.trim();
      return staff
        .filter((s) => !q || s.name.includes(q) || s.title.includes(q))
        .map((s) => ({ holderId: s.id, name: s.name, sub: `${s.title}${s.bound ? '' : ' · 未激活'}` }));
    }
    const res = await call('roster', 'listMembers', { orgId, keyword: query.trim() || undefined, limit: 30 });
    return res.items.map((m) => ({ holderId: m.id, name: m.name, sub: `${m.studentNo} · ${m.branchName}${m.bound ? '' : ' · 未绑定'}` }));
  }, [tab, query, orgId]);

  const search = () => {
    // The same keyword again still searches again.
    if (keyword === query) void holders.reload();
    else setQuery(keyword);
  };

  return (
    <Sheet id={id} title={title} onClose={onClose}>
      {allowStaff ? (
        <View className="seg">
          <View id="holder-tab-member" className={`seg-item${tab === 'member' ? ' seg-item-active' : ''}`} onClick={() => setTab('member')}>
            团员
          </View>
          <View id="holder-tab-staff" className={`seg-item${tab === 'staff' ? ' seg-item-active' : ''}`} onClick={() => setTab('staff')}>
            工作人员
          </View>
        </View>
      ) : null}
      <View className="search-row" style={{ margin: '0 0 12px' }}>
        <Input
          id="holder-search"
          className="search-input"
          style={{ background: '#f5f6f8' }}
          placeholder={tab === 'member' ? '姓名或学号' : '姓名或职务'}
          value={keyword}
          confirmType="search"
          onInput={(e) => setKeyword(e.detail.value)}
          onConfirm={search}
        />
        <Button className="search-button" size="small" type="primary" onClick={search}>
          搜索
        </Button>
      </View>
      <PageFrame
        loading={holders.loading}
        error={holders.error}
        onRetry={() => void holders.reload()}
        empty={(holders.data ?? []).length === 0}
        emptyTitle="没有找到人员"
      >
        {(holders.data ?? []).map((h) => (
          <View key={h.holderId} id={`holder-${h.holderId}`} className="row holder-row" onClick={() => onPick(h)}>
            <View className="row-main">
              <Text className="row-title">{h.name}</Text>
              <Text className="row-sub">{h.sub}</Text>
            </View>
            <Text className="row-action">选择</Text>
          </View>
        ))}
      </PageFrame>
    </Sheet>
  );
}
