/**
 * 工作人员 (admins): staff accounts — teachers and officials who hold roles but are on no roster.
 * New accounts get a one-time invite code to hand over (org.createStaff); the person enters it on
 * 实名绑定 → 工作人员.
 * Stable ids/classes for e2e:
 *   #staff-page, #staff-create (新增工作人员), #staff-list / .staff-row (id staff-<id>),
 *   .staff-invite-code, .staff-bound-tag, .staff-copy
 *   #staff-create-sheet (-input-name, -input-title, -ok, -error)
 *   #staff-created / #staff-created-code   the code just created
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { StaffView } from '@contract/org';
import ErrorBoundary from '@/components/ErrorBoundary';
import PageFrame from '@/components/PageFrame';
import PrivacySheet from '@/components/PrivacySheet';
import { Button } from '@/components/nut';
import { useCloud } from '@/hooks/useCloud';
import { call } from '@/services/cloud';
import { FIELDS } from '@contract/fields';
import PromptSheet from '../components/PromptSheet';
import StateTag from '../components/StateTag';
import '../admin.scss';
import './index.scss';

function copy(code: string): void {
  void Taro.setClipboardData({ data: code }).catch(() => undefined);
}

function StaffPage() {
  const staff = useCloud(() => call('org', 'listStaff', {}));
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<StaffView | null>(null);
  const list = staff.data ?? [];

  return (
    <View id="staff-page" className="admin-page">
      <View className="card staff-intro">
        <Text className="form-note">
          校团委、学院的老师和工作人员不在学生花名册中。新增后把邀请码交给本人，在“我的 → 实名绑定 →
          工作人员”中输入即可激活，之后可在组织管理中为其任命角色。
        </Text>
        <View className="form-actions">
          <Button id="staff-create" type="primary" block onClick={() => setCreating(true)}>
            新增工作人员
          </Button>
        </View>
      </View>
      {created ? (
        <View id="staff-created" className="card staff-created">
          <Text className="card-title">已为{created.name}创建账号</Text>
          <Text className="form-note">请把下面的邀请码交给本人（仅能使用一次）：</Text>
          <View className="staff-code-big">
            <Text id="staff-created-code" selectable userSelect>
              {created.inviteCode ?? '—'}
            </Text>
          </View>
          {created.inviteCode ? (
            <View className="staff-copy-row">
              <Text className="link" onClick={() => copy(created.inviteCode ?? '')}>
                复制邀请码
              </Text>
            </View>
          ) : null}
        </View>
      ) : null}
      <PageFrame
        loading={staff.loading && !staff.data}
        error={staff.error}
        onRetry={() => void staff.reload()}
        empty={list.length === 0}
        emptyTitle="暂无工作人员"
      >
        <View id="staff-list" className="card">
          {list.map((s) => (
            <View key={s.id} id={`staff-${s.id}`} className="row staff-row">
              <View className="member-avatar">{s.name.slice(0, 1)}</View>
              <View className="row-main">
                <View className="head-title-row">
                  <Text className="row-title staff-name">{s.name}</Text>
                  <StateTag on={s.bound} yes="已激活" no="待激活" className="staff-bound-tag" />
                </View>
                <Text className="row-sub">{s.title}</Text>
                {s.inviteCode ? (
                  <Text className="row-sub">
                    邀请码 <Text className="staff-invite-code">{s.inviteCode}</Text>
                  </Text>
                ) : null}
              </View>
              {s.inviteCode ? (
                <Text className="row-action staff-copy" onClick={() => copy(s.inviteCode ?? '')}>
                  复制
                </Text>
              ) : null}
            </View>
          ))}
        </View>
      </PageFrame>
      {creating ? (
        <PromptSheet
          id="staff-create-sheet"
          title="新增工作人员"
          fields={[
            { key: 'name', label: '姓名', limit: FIELDS.personName },
            { key: 'title', label: '职务', limit: FIELDS.staffTitle, placeholder: '例如 学院团总支书记' },
          ]}
          okText="创建并生成邀请码"
          onClose={() => setCreating(false)}
          onSubmit={async (v) => {
            const s = await call('org', 'createStaff', { name: v.name, title: v.title });
            setCreating(false);
            setCreated(s);
            await staff.reload();
          }}
        />
      ) : null}
    </View>
  );
}

export default function StaffManagePage() {
  return (
    <ErrorBoundary>
      <StaffPage />
      <PrivacySheet />
    </ErrorBoundary>
  );
}
