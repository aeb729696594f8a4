/**
 * 花名册: the members of an org's subtree (roster.listMembers), searchable by 姓名 or 学号, paged
 * ("加载更多" / reaching the bottom); export (roster.exportRoster); set cadre (roster.setCadre);
 * release a binding (account.release) and the open release requests (account.releaseRequests).
 * Query: ?orgId= (required).
 * Stable ids/classes for e2e:
 *   #members-page
 *   #members-search (input), #members-search-button
 *   #members-total                         "共 N 人"
 *   #members-export, #members-import
 *   #release-requests / .release-request (id release-request-<id>) / .release-request-approve
 *   #members-list / .member-row (id member-<memberId>): .member-name, .member-student-no,
 *     .member-bound-tag, .member-cadre-tag, .member-set-cadre, .member-release
 *   #members-more (加载更多), #members-end (已全部加载)
 *   #cadre-sheet (-input, -ok)
 */
import { useState } from 'react';
import Taro, { useReachBottom } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { MemberView } from '@contract/roster';
import ErrorBoundary from '@/components/ErrorBoundary';
import PageFrame from '@/components/PageFrame';
import { Button } from '@/components/nut';
import { useAccess } from '@/hooks/useAccess';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { routes } from '@/routes';
import { CloudError, call } from '@/services/cloud';
import { openFileLink } from '@/services/storage';
import { FIELDS } from '@contract/fields';
import PromptSheet from '../components/PromptSheet';
import StateTag from '../components/StateTag';
import { formatDate } from '@/utils/date';
import { confirmAction, toastError, toastOk, withLoading } from '@/utils/feedback';
import '../admin.scss';
import './index.scss';

const PAGE = 30;

function ReleaseRequests({ orgId, onChanged }: { orgId: string; onChanged: () => void }) {
  const requests = useCloud(() => call('account', 'releaseRequests', { orgId }));
  const approve = async (memberId: string, name: string) => {
    const ok = await confirmAction('解除绑定', `解除后「${name}」的学号可以重新绑定微信。确定解除吗？`, '解除');
    if (!ok) return;
    try {
      await call('account', 'release', { memberId });
      toastOk('已解除');
      await requests.reload();
      onChanged();
    } catch (err) {
      toastError(err);
    }
  };
  if (requests.error || !requests.data || requests.data.length === 0) return null;
  return (
    <View id="release-requests" className="card">
      <Text className="card-title">解绑申请（{requests.data.length}）</Text>
      {requests.data.map((r) => (
        <View key={r.id} id={`release-request-${r.id}`} className="row release-request">
          <View className="row-main">
            <Text className="row-title">
              {r.name} · {r.studentNo}
            </Text>
            <Text className="row-sub">
              {r.note || '未填写说明'} · {formatDate(r.createdAt)}
            </Text>
          </View>
          <Text className="row-action release-request-approve" onClick={() => void approve(r.memberId, r.name)}>
            解除绑定
          </Text>
        </View>
      ))}
    </View>
  );
}

function MembersScreen({ orgId }: { orgId: string }) {
  const [keyword, setKeyword] = useState('');
  const [query, setQuery] = useState('');
  const [loadingMore, setLoadingMore] = useState(false);
  const [cadreFor, setCadreFor] = useState<MemberView | null>(null);
  const [reqKey, setReqKey] = useState(0);
  // A leader reads a contact point's roster; the edits are the secretaries' and the admin's.
  const access = useAccess(orgId);
  const may = {
    import: access.can('roster.previewImport'),
    export: access.can('roster.exportRoster'),
    setCadre: access.can('roster.setCadre'),
    release: access.can('account.release'),
    requests: access.can('account.releaseRequests'),
  };
  // The first page for the query; 加载更多 appends to it. `query` is the keyword of the list on screen.
  const list = useCloud(async () => {
    const res = await call('roster', 'listMembers', { orgId, keyword: query || undefined, skip: 0, limit: PAGE });
    return { query, items: res.items, total: res.total, nextSkip: res.nextSkip };
  }, [orgId, query]);
  const { loading, error, reload } = list;
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const shownQuery = list.data?.query ?? '';
  const nextSkip = list.data ? list.data.nextSkip : 0;

  const loadMore = async () => {
    const shown = list.data;
    if (loadingMore || loading || !shown || shown.nextSkip === null) return;
    setLoadingMore(true);
    try {
      const res = await call('roster', 'listMembers', { orgId, keyword: shown.query || undefined, skip: shown.nextSkip, limit: PAGE });
      // A new search meanwhile replaced the list: this page belongs to the old one.
      list.setData((prev) => {
        if (prev !== shown) return prev;
        const seen = new Set(prev.items.map((m) => m.id));
        return { ...prev, items: [...prev.items, ...res.items.filter((m) => !seen.has(m.id))], total: res.total, nextSkip: res.nextSkip };
      });
    } catch (err) {
      toastError(err);
    } finally {
      setLoadingMore(false);
    }
  };

  useReachBottom(() => void loadMore());

  const replace = (m: MemberView) => list.setData((prev) => prev && { ...prev, items: prev.items.map((x) => (x.id === m.id ? m : x)) });

  const release = async (m: MemberView) => {
    const ok = await confirmAction('解除绑定', `解除后「${m.name}」需要重新实名绑定。确定解除吗？`, '解除');
    if (!ok) return;
    try {
      await call('account', 'release', { memberId: m.id });
      replace({ ...m, bound: false });
      setReqKey((k) => k + 1);
      toastOk('已解除');
    } catch (err) {
      toastError(err);
    }
  };

  const unsetCadre = async (m: MemberView) => {
    const ok = await confirmAction('取消团干部', `确定取消「${m.name}」的团干部身份吗？`, '取消团干部');
    if (!ok) return;
    try {
      replace(await call('roster', 'setCadre', { memberId: m.id, isCadre: false, post: null }));
      toastOk('已取消');
    } catch (err) {
      toastError(err);
    }
  };

  const exportRoster = async () => {
    try {
      const link = await withLoading('正在生成…', () => call('roster', 'exportRoster', { orgId }));
      await openFileLink(link);
    } catch (err) {
      toastError(err);
    }
  };

  return (
    <View>
      <View className="search-row">
        <Input
          id="members-search"
          className="search-input"
          placeholder="搜索姓名或学号"
          maxlength={FIELDS.keyword.max}
          value={keyword}
          confirmType="search"
          onInput={(e) => setKeyword(e.detail.value)}
          onConfirm={() => setQuery(keyword.trim())}
        />
        <Button id="members-search-button" className="search-button" size="small" type="primary" onClick={() => setQuery(keyword.trim())}>
          搜索
        </Button>
      </View>
      <View className="members-toolbar">
        <Text id="members-total" className="members-total">
          {loading ? '加载中…' : `${shownQuery ? `“${shownQuery}” ` : ''}共 ${total} 人`}
        </Text>
        {may.import ? (
          <Text id="members-import" className="link" onClick={() => void Taro.navigateTo({ url: routes.import(orgId) })}>
            导入
          </Text>
        ) : null}
        {may.export ? (
          <Text id="members-export" className="link members-export" onClick={() => void exportRoster()}>
            导出
          </Text>
        ) : null}
      </View>
      {may.requests ? <ReleaseRequests key={reqKey} orgId={orgId} onChanged={() => void reload()} /> : null}
      <PageFrame
        loading={loading}
        error={error}
        onRetry={() => void reload()}
        empty={items.length === 0}
        emptyTitle={query ? '没有找到匹配的团员' : '花名册还是空的'}
        emptyHint={query ? '换个姓名或学号试试。' : '可以从表格导入花名册。'}
      >
        <View id="members-list" className="card members-list">
          {items.map((m) => (
            <View key={m.id} id={`member-${m.id}`} className="row member-row">
              <View className="member-avatar">{m.name.slice(0, 1)}</View>
              <View className="row-main">
                <View className="head-title-row">
                  <Text className="member-name">{m.name}</Text>
                  {m.isCadre ? <Text className="tag tag-gold member-cadre-tag">{m.post || '团干部'}</Text> : null}
                  <StateTag on={m.bound} yes="已绑定" no="未绑定" className="member-bound-tag" />
                  {m.isLeagueMember ? null : <Text className="tag tag-grey">青年</Text>}
                </View>
                <Text className="row-sub member-student-no">
                  {m.studentNo} · {m.branchName}
                  {m.groupName ? ` · ${m.groupName}` : ''}
                </Text>
              </View>
              <View className="member-ops">
                {may.setCadre ? (
                  <Text className="row-action member-set-cadre" onClick={() => (m.isCadre ? void unsetCadre(m) : setCadreFor(m))}>
                    {m.isCadre ? '取消干部' : '设为干部'}
                  </Text>
                ) : null}
                {m.bound && may.release ? (
                  <Text className="row-action member-release" onClick={() => void release(m)}>
                    解绑
                  </Text>
                ) : null}
              </View>
            </View>
          ))}
          {nextSkip !== null ? (
            <View id="members-more" className="load-more" onClick={() => void loadMore()}>
              {loadingMore ? '加载中…' : `加载更多（已显示 ${items.length} / ${total}）`}
            </View>
          ) : (
            <Text id="members-end" className="muted members-end">
              已全部加载
            </Text>
          )}
        </View>
      </PageFrame>
      {cadreFor ? (
        <PromptSheet
          id="cadre-sheet"
          title={`设「${cadreFor.name}」为团干部`}
          fields={[
            { key: 'post', label: '职务', limit: FIELDS.post, placeholder: '例如 组织委员、宣传委员', initial: cadreFor.post ?? '' },
          ]}
          onClose={() => setCadreFor(null)}
          onSubmit={async (v) => {
            replace(await call('roster', 'setCadre', { memberId: cadreFor.id, isCadre: true, post: v.post }));
            setCadreFor(null);
            toastOk('已设置');
          }}
        />
      ) : null}
    </View>
  );
}

function MembersPage() {
  const orgId = useParam('orgId');
  return (
    <View id="members-page" className="admin-page">
      {orgId ? <MembersScreen orgId={orgId} /> : <PageFrame error={new CloudError('INVALID_ARGUMENT', '缺少组织参数')} />}
    </View>
  );
}

export default function RosterMembersPage() {
  return (
    <ErrorBoundary>
      <MembersPage />
    </ErrorBoundary>
  );
}
