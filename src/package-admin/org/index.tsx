/**
 * 组织管理: browse the tree 校团委 → 团总支 → 团支部 → 团小组 (org.roots, org.detail) and manage it:
 * create, rename, move, archive/restore, assign and revoke roles (secretary handover).
 * Query: ?orgId= starts at that org (secretaries); without it, at the caller's roots.
 * Stable ids/classes for e2e:
 *   #org-page
 *   #org-roots / .org-root-row (id org-root-<orgId>)        when several roots and none chosen
 *   #org-crumbs / .crumb (id crumb-<orgId>)                  breadcrumb (ancestors)
 *   #org-head / #org-name / .org-level / #org-archived-tag
 *   #org-member-count, #org-child-count
 *   #org-actions: #org-create, #org-rename, #org-move, #org-archive, #org-restore,
 *                 #org-members, #org-import
 *   #org-roles / .role-row (id role-<grantId>) / .role-revoke; #org-assign-secretary, #org-assign-admin
 *   #org-children / .org-child (id org-child-<orgId>), #org-show-archived
 *   sheets: #org-create-sheet, #org-rename-sheet, #org-move-sheet, #org-assign-sheet (-input, -ok, -error)
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ROLE_NAMES } from '@contract/models';
import type { AssignableRole, OrgDetail, OrgView } from '@contract/org';
import ErrorBoundary from '@/components/ErrorBoundary';
import { NotBound } from '@/components/NotAllowed';
import PageFrame from '@/components/PageFrame';
import { placeOf, useAccess, type AccessState } from '@/hooks/useAccess';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { routes } from '@/routes';
import { call } from '@/services/cloud';
import HolderPicker, { type Holder } from '../components/HolderPicker';
import OrgPicker from '../components/OrgPicker';
import { FIELDS } from '@contract/fields';
import PromptSheet from '../components/PromptSheet';
import { confirmAction, toastError, toastOk } from '@/utils/feedback';
import { LEVEL_BADGE, childLevel, levelName } from '../components/util';
import '../admin.scss';
import './index.scss';

type SheetKind = null | 'create' | 'rename' | 'move' | { assign: AssignableRole };

/** Which role a level's "secretary" is. */
function secretaryRole(detail: OrgDetail): AssignableRole | null {
  if (detail.org.level === 'general') return 'generalSecretary';
  if (detail.org.level === 'branch') return 'secretary';
  return null;
}

/** The level a parent must have for an org of this level. */
function parentLevelOf(level: OrgView['level']): OrgView['level'] | null {
  if (level === 'general') return 'committee';
  if (level === 'branch') return 'general';
  if (level === 'group') return 'branch';
  return null;
}

function Roots({ roots, onOpen }: { roots: OrgView[]; onOpen: (id: string) => void }) {
  return (
    <PageFrame empty={roots.length === 0} emptyTitle="暂无可管理的组织" emptyHint="只有管理员和书记可以管理组织。">
      <Text className="section-title">我可以管理的组织</Text>
      <View id="org-roots" className="card">
        {roots.map((o) => (
          <View key={o.id} id={`org-root-${o.id}`} className="row org-root-row" onClick={() => onOpen(o.id)}>
            <Text className="level-badge">{LEVEL_BADGE[o.level]}</Text>
            <View className="row-main">
              <Text className="row-title">{o.name}</Text>
              <Text className="row-sub">{levelName(o.level)}</Text>
            </View>
            <Text className="row-arrow">›</Text>
          </View>
        ))}
      </View>
    </PageFrame>
  );
}

/**
 * The management buttons the server would accept here: the router's roles over this org (useAccess), then
 * the handlers' finer rules (org/manage.ts, org/grants.ts): a branch secretary renames only groups, a
 * general secretary archives no college and appoints or removes only branch secretaries.
 */
function allowedHere(access: AccessState, d: OrgDetail) {
  const place = placeOf(d);
  const over = (gate: Parameters<AccessState['rolesFor']>[0]) => access.rolesFor(gate, place);
  const manager = (gate: 'org.archiveOrg' | 'org.assignRole' | 'org.revokeRole') => over(gate).includes('admin');
  const general = (gate: 'org.archiveOrg' | 'org.assignRole' | 'org.revokeRole') => over(gate).includes('generalSecretary');
  const rename = over('org.renameOrg');
  return {
    create: over('org.createOrg').length > 0,
    rename: rename.includes('admin') || rename.includes('generalSecretary') || (rename.length > 0 && d.org.level === 'group'),
    move: over('org.moveOrg').length > 0,
    roster: over('roster.listMembers').length > 0,
    import: over('roster.previewImport').length > 0,
    archive: manager('org.archiveOrg') || (general('org.archiveOrg') && d.org.level !== 'general'),
    assign: (role: AssignableRole) => manager('org.assignRole') || (general('org.assignRole') && role === 'secretary'),
    revoke: (role: AssignableRole) => manager('org.revokeRole') || (general('org.revokeRole') && role === 'secretary'),
    isAdmin: manager('org.assignRole'),
  };
}

function OrgScreen({ orgId, onOpen, access }: { orgId: string; onOpen: (id: string) => void; access: AccessState }) {
  const [showArchived, setShowArchived] = useState(false);
  const [sheet, setSheet] = useState<SheetKind>(null);
  const detail = useCloud(() => call('org', 'detail', { orgId, includeArchived: showArchived }), [orgId, showArchived]);
  const d = detail.data;

  const after = async (message: string) => {
    setSheet(null);
    toastOk(message);
    await detail.reload();
  };

  // The server archives only an org without active children (org/manage.ts archiveOrg): say so before asking.
  const archive = async (org: OrgView, activeChildren: number) => {
    if (activeChildren > 0) {
      await Taro.showModal({
        title: '暂不能归档',
        content: `「${org.name}」下还有 ${activeChildren} 个未归档的下级组织。请先逐个归档或移走它们，再归档本组织。`,
        showCancel: false,
        confirmText: '知道了',
      });
      return;
    }
    const ok = await confirmAction(
      '归档组织',
      `归档后「${org.name}」不再出现在组织树中；它的花名册、承诺和历史记录都保留，可随时恢复。确定归档吗？`,
      '归档',
    );
    if (!ok) return;
    try {
      await call('org', 'archiveOrg', { orgId: org.id });
      await after('已归档');
    } catch (err) {
      toastError(err);
    }
  };

  const restore = async (org: OrgView) => {
    try {
      await call('org', 'restoreOrg', { orgId: org.id });
      await after('已恢复');
    } catch (err) {
      toastError(err);
    }
  };

  const revoke = async (grantId: string, label: string) => {
    const ok = await confirmAction('撤销任命', `确定撤销「${label}」吗？`, '撤销');
    if (!ok) return;
    try {
      await call('org', 'revokeRole', { grantId });
      await after('已撤销');
    } catch (err) {
      toastError(err);
    }
  };

  const assign = async (role: AssignableRole, holder: Holder) => {
    if (!d) return;
    const current = d.roles.find((r) => r.role === role && r.orgId === d.org.id);
    const handover = (role === 'secretary' || role === 'generalSecretary') && current;
    const ok = await confirmAction(
      handover ? '书记交接' : '确认任命',
      handover
        ? `任命${holder.name}为${ROLE_NAMES[role]}后，${current.name}将立即不再担任。确定交接吗？`
        : `确定任命${holder.name}为「${d.org.name}」${ROLE_NAMES[role]}吗？`,
      handover ? '交接' : '任命',
    );
    if (!ok) return;
    try {
      await call('org', 'assignRole', { orgId: d.org.id, role, holderId: holder.holderId });
      await after('任命成功');
    } catch (err) {
      toastError(err);
    }
  };

  const children = d?.children ?? [];
  const secRole = d ? secretaryRole(d) : null;
  const kidLevel = d ? childLevel(d.org.level) : null;
  const parentLevel = d ? parentLevelOf(d.org.level) : null;
  const may = d ? allowedHere(access, d) : null;
  const isAdmin = !!may?.isAdmin;
  const manages =
    !!may && ((!!kidLevel && may.create) || may.rename || may.archive || (!!secRole && may.assign(secRole)) || may.assign('admin'));

  return (
    <PageFrame
      loading={(detail.loading && !d) || access.loading}
      error={d ? access.error : detail.error}
      onRetry={() => void (d ? access.reload() : detail.reload())}
    >
      {d && may ? (
        <View>
          <View id="org-crumbs" className="crumbs">
            {d.ancestors.map((a) => (
              <View key={a.id} className="crumb-wrap">
                <Text id={`crumb-${a.id}`} className="crumb" onClick={() => onOpen(a.id)}>
                  {a.name}
                </Text>
                <Text className="crumb-sep">/</Text>
              </View>
            ))}
            <Text className="crumb-current">{d.org.name}</Text>
          </View>

          <View id="org-head" className="card org-head">
            <View className="head-title-row">
              <Text id="org-name" className="head-title">
                {d.org.name}
              </Text>
              <Text className="tag org-level">{levelName(d.org.level)}</Text>
              {d.org.archived ? (
                <Text id="org-archived-tag" className="tag tag-grey">
                  已归档
                </Text>
              ) : null}
            </View>
            <View className="stats">
              <View className="stat">
                <Text id="org-member-count" className="stat-value">
                  {d.memberCount}
                </Text>
                <Text className="stat-label">团员青年</Text>
              </View>
              <View className="stat">
                <Text id="org-child-count" className="stat-value">
                  {children.filter((c) => !c.archived).length}
                </Text>
                <Text className="stat-label">{kidLevel ? `下级${levelName(kidLevel)}` : '下级组织'}</Text>
              </View>
              <View className="stat">
                <Text className="stat-value">{d.roles.length}</Text>
                <Text className="stat-label">任职人员</Text>
              </View>
            </View>
          </View>

          {manages ? null : (
            <Text id="org-readonly" className="card muted">
              你可以查看本组织；新建、改名、归档和任命由团支部书记、团总支书记和管理员办理。
            </Text>
          )}
          {manages || may.roster ? (
            <View id="org-actions" className="card">
              <View className="actions">
                {kidLevel && !d.org.archived && may.create ? (
                  <Text id="org-create" className="action action-primary" onClick={() => setSheet('create')}>
                    + 新建{levelName(kidLevel)}
                  </Text>
                ) : null}
                {may.rename ? (
                  <Text id="org-rename" className="action" onClick={() => setSheet('rename')}>
                    重命名
                  </Text>
                ) : null}
                {parentLevel && may.move ? (
                  <Text id="org-move" className="action" onClick={() => setSheet('move')}>
                    移动
                  </Text>
                ) : null}
                {d.org.level !== 'committee' && d.org.level !== 'group' && may.roster ? (
                  <Text id="org-members" className="action" onClick={() => void Taro.navigateTo({ url: routes.members(d.org.id) })}>
                    花名册
                  </Text>
                ) : null}
                {(d.org.level === 'general' || d.org.level === 'branch') && may.import ? (
                  <Text id="org-import" className="action" onClick={() => void Taro.navigateTo({ url: routes.import(d.org.id) })}>
                    导入花名册
                  </Text>
                ) : null}
                {d.org.level !== 'committee' && may.archive ? (
                  d.org.archived ? (
                    <Text id="org-restore" className="action" onClick={() => void restore(d.org)}>
                      恢复
                    </Text>
                  ) : (
                    <Text
                      id="org-archive"
                      className="action action-danger"
                      onClick={() => void archive(d.org, children.filter((c) => !c.archived).length)}
                    >
                      归档
                    </Text>
                  )
                ) : null}
              </View>
            </View>
          ) : null}

          <View id="org-roles" className="card">
            <View className="card-title-row">
              <Text className="card-title">任职人员</Text>
              {secRole && may.assign(secRole) ? (
                <Text id="org-assign-secretary" className="link" onClick={() => setSheet({ assign: secRole })}>
                  {d.roles.some((r) => r.role === secRole && r.orgId === d.org.id) ? '书记交接' : `任命${ROLE_NAMES[secRole]}`}
                </Text>
              ) : null}
              {d.org.level === 'committee' && may.assign('admin') ? (
                <Text id="org-assign-admin" className="link" onClick={() => setSheet({ assign: 'admin' })}>
                  添加管理员
                </Text>
              ) : null}
            </View>
            {d.roles.length === 0 ? <Text className="muted">暂无任职人员</Text> : null}
            {d.roles.map((r) => (
              <View key={r.id} id={`role-${r.id}`} className="row role-row">
                <View className="row-main">
                  <Text className="row-title">
                    {r.name}
                    {r.active ? '' : '（未激活）'}
                  </Text>
                  <Text className="row-sub">
                    {ROLE_NAMES[r.role]}
                    {r.orgId !== d.org.id ? ` · ${r.orgName}` : ''}
                  </Text>
                </View>
                {r.orgId === d.org.id && may.revoke(r.role) ? (
                  <Text className="row-action role-revoke" onClick={() => void revoke(r.id, `${r.name} · ${ROLE_NAMES[r.role]}`)}>
                    撤销
                  </Text>
                ) : null}
              </View>
            ))}
          </View>

          {kidLevel ? (
            <View id="org-children" className="card">
              <View className="card-title-row">
                <Text className="card-title">下级{levelName(kidLevel)}</Text>
                <Text id="org-show-archived" className="link" onClick={() => setShowArchived((v) => !v)}>
                  {showArchived ? '隐藏已归档' : '显示已归档'}
                </Text>
              </View>
              {children.length === 0 ? <Text className="muted">暂无下级组织</Text> : null}
              {children.map((c) => (
                <View
                  key={c.id}
                  id={`org-child-${c.id}`}
                  className={`row org-child${c.archived ? ' row-archived' : ''}`}
                  onClick={() => onOpen(c.id)}
                >
                  <Text className="level-badge">{LEVEL_BADGE[c.level]}</Text>
                  <View className="row-main">
                    <Text className="row-title">{c.name}</Text>
                    <Text className="row-sub">
                      {c.archived ? '已归档' : c.childCount > 0 ? `${c.childCount} 个下级组织` : levelName(c.level)}
                    </Text>
                  </View>
                  <Text className="row-arrow">›</Text>
                </View>
              ))}
            </View>
          ) : null}

          {sheet === 'create' && kidLevel ? (
            <PromptSheet
              id="org-create-sheet"
              title={`在「${d.org.name}」下新建${levelName(kidLevel)}`}
              fields={[
                { key: 'name', label: '名称', limit: FIELDS.orgName, placeholder: kidLevel === 'branch' ? '例如 计科2401班团支部' : '' },
              ]}
              okText="新建"
              onClose={() => setSheet(null)}
              onSubmit={async (v) => {
                await call('org', 'createOrg', { parentId: d.org.id, name: v.name });
                await after('已新建');
              }}
            />
          ) : null}
          {sheet === 'rename' ? (
            <PromptSheet
              id="org-rename-sheet"
              title="重命名"
              fields={[{ key: 'name', label: '新名称', limit: FIELDS.orgName, initial: d.org.name }]}
              okText="保存"
              onClose={() => setSheet(null)}
              onSubmit={async (v) => {
                await call('org', 'renameOrg', { orgId: d.org.id, name: v.name });
                await after('已保存');
              }}
            />
          ) : null}
          {sheet === 'move' && parentLevel ? (
            <OrgPicker
              id="org-move-sheet"
              title={`把「${d.org.name}」移到…`}
              okText="移动到此"
              selectable={(o) => o.level === parentLevel && o.id !== d.org.parentId}
              hidden={(o) => o.id === d.org.id}
              onClose={() => setSheet(null)}
              onConfirm={async (picked) => {
                const target = picked[0];
                if (!target) return;
                const ok = await confirmAction(
                  '移动组织',
                  `确定把「${d.org.name}」移到「${target.name}」下吗？其团员和下级组织一并移动。`,
                  '移动',
                );
                if (!ok) return;
                await call('org', 'moveOrg', { orgId: d.org.id, newParentId: target.id });
                await after('已移动');
              }}
            />
          ) : null}
          {sheet !== null && typeof sheet === 'object' ? (
            <HolderPicker
              id="org-assign-sheet"
              title={`选择${ROLE_NAMES[sheet.assign]}`}
              orgId={d.org.id}
              allowStaff={isAdmin}
              onClose={() => setSheet(null)}
              onPick={(h) => void assign(sheet.assign, h)}
            />
          ) : null}
        </View>
      ) : null}
    </PageFrame>
  );
}

function OrgPage() {
  const start = useParam('orgId');
  const [orgId, setOrgId] = useState<string>(start);
  const access = useAccess();
  const roots = useCloud(() => (start ? Promise.resolve([]) : call('org', 'roots', {})));

  // Admins (one root) start at the committee directly.
  const effective = orgId || (roots.data && roots.data.length === 1 ? roots.data[0].id : '');

  return (
    <View id="org-page" className="admin-page">
      {access.me && !access.me.bound ? (
        <NotBound hint="绑定后可以查看所在团组织；管理员和书记在这里管理组织。" />
      ) : effective ? (
        <OrgScreen key={effective} orgId={effective} onOpen={setOrgId} access={access} />
      ) : (
        <PageFrame loading={roots.loading} error={roots.error} onRetry={() => void roots.reload()}>
          <Roots roots={roots.data ?? []} onOpen={setOrgId} />
        </PageFrame>
      )}
    </View>
  );
}

export default function OrgManagePage() {
  return (
    <ErrorBoundary>
      <OrgPage />
    </ErrorBoundary>
  );
}
