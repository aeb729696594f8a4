/**
 * 我的: who the signed-in person is (system.whoami), service status (system.ping), local sign-out.
 * Stable ids/classes for e2e (each element has both the id and the class):
 *   #mine-page
 *   #whoami-card / .whoami-card          profile card (bound or not)
 *   #whoami-name / .whoami-name          name, or 未绑定
 *   #whoami-student-no / .whoami-student-no   学号 line (bound only)
 *   #whoami-org-path / .whoami-org-path  "校团委 / XX学院团总支 / …" (bound only)
 *   #whoami-roles / .whoami-roles        role tags container; each tag has class .whoami-role
 *   #whoami-unbound / .whoami-unbound    hint shown when not bound
 *   #mine-bind / .mine-bind              实名绑定 button (not bound only) → pages/bind/index
 *   #mine-manage / .mine-manage          管理 card, only for roles that can use it; each row
 *                                        .mine-entry with id mine-entry-<key> (org, leaders, staff,
 *                                        members, import; -<orgId> appended when several orgs)
 *   #system-ping / .system-ping          tap to check the service; result in #system-ping-result
 *   #mine-entry-inbox / .mine-entry       本地消息 → package-local/inbox/index (H5 local mode only)
 *   #mine-entry-tools / .mine-entry       本地工具 → package-local/tools/index (H5 local mode only)
 *   #local-clock-shift                   the emulator clock's shift, under the local-mode note while it runs ahead
 *   #local-sign-out / .local-sign-out    退出登录 (H5 local mode only)
 * Errors render through PageFrame (.page-frame-error, .page-frame-retry). In H5 an UNAUTHENTICATED
 * answer navigates to pages/local-login/index.
 */
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ROLE_NAMES } from '@contract/models';
import type { WhoAmI } from '@contract/system';
import ErrorBoundary from '@/components/ErrorBoundary';
import { LocalClockShift } from '@/components/LocalModeBanner';
import PageFrame from '@/components/PageFrame';
import { Button } from '@/components/nut';
import { useAction } from '@/hooks/useAction';
import { useCloud } from '@/hooks/useCloud';
import { useReloadOnShow } from '@/hooks/useReloadOnShow';
import { routes } from '@/routes';
import { signOut } from '@/services/local';
import { ping, whoami } from '@/services/system';
import { managementEntries } from '@/utils/entries';
import { toastError } from '@/utils/feedback';
import './index.scss';

function ManageCard({ me }: { me: WhoAmI }) {
  const entries = managementEntries(me);
  if (entries.length === 0) return null;
  return (
    <View id="mine-manage" className="card mine-list mine-manage">
      <Text className="mine-card-title">工作台</Text>
      {entries.map((entry) => (
        <View
          key={entry.key}
          id={`mine-entry-${entry.key}`}
          className="mine-row mine-entry"
          onClick={() => void Taro.navigateTo({ url: entry.url })}
        >
          <Text className="mine-row-title">{entry.title}</Text>
          <Text className="mine-entry-hint">{entry.hint} ›</Text>
        </View>
      ))}
    </View>
  );
}

function roleLabel(role: WhoAmI['roles'][number]): string {
  return role.role === 'member' ? ROLE_NAMES[role.role] : `${ROLE_NAMES[role.role]} · ${role.orgName}`;
}

function Profile({ me }: { me: WhoAmI }) {
  if (!me.bound) {
    return (
      <View id="whoami-card" className="card whoami-card">
        <View className="whoami-head">
          <View className="whoami-avatar whoami-avatar-empty">?</View>
          <View className="whoami-main">
            <Text id="whoami-name" className="whoami-name">
              未绑定
            </Text>
            <Text id="whoami-unbound" className="whoami-unbound">
              请使用学号和姓名完成实名绑定，绑定后即可参与承诺与评议。
            </Text>
          </View>
        </View>
        <Button id="mine-bind" className="mine-bind" type="primary" block onClick={() => void Taro.navigateTo({ url: routes.bind() })}>
          实名绑定
        </Button>
      </View>
    );
  }
  const orgPath = me.orgPath.map((org) => org.name).join(' / ');
  return (
    <View id="whoami-card" className="card whoami-card">
      <View className="whoami-head">
        <View className="whoami-avatar">{(me.name ?? '团').slice(0, 1)}</View>
        <View className="whoami-main">
          <View className="whoami-name-row">
            <Text id="whoami-name" className="whoami-name">
              {me.name ?? ''}
            </Text>
            {me.isCadre && me.post ? <Text className="whoami-post">{me.post}</Text> : null}
          </View>
          <Text id="whoami-student-no" className="whoami-student-no">
            {me.studentNo ? `学号 ${me.studentNo}` : '工作人员账号'}
          </Text>
        </View>
      </View>
      <Text id="whoami-org-path" className="whoami-org-path">
        {orgPath || (me.studentNo ? '暂无所属组织' : '不在学生花名册中')}
      </Text>
      <View id="whoami-roles" className="whoami-roles">
        {me.roles.map((role) => (
          <Text key={`${role.role}-${role.orgId}`} className="whoami-role">
            {roleLabel(role)}
          </Text>
        ))}
      </View>
    </View>
  );
}

function Mine() {
  const { loading, data, error, reload } = useCloud(whoami);
  const [pingText, setPingText] = useState('');
  const pinging = useAction({ onError: (e) => setPingText(`异常 · ${e.message}`) });

  // Coming back to the tab (e.g. after signing in locally) refreshes who we are.
  useReloadOnShow(() => {
    setPingText('');
    void reload();
  });

  useEffect(() => {
    if (IS_H5 && error?.code === 'UNAUTHENTICATED') {
      void Taro.navigateTo({ url: routes.localLogin() });
    }
  }, [error]);

  const checkService = () =>
    pinging.run(async () => {
      setPingText('检测中…');
      const started = Date.now();
      await ping();
      setPingText(`正常 · ${Date.now() - started} 毫秒`);
    });

  const onSignOut = async () => {
    try {
      await signOut();
    } catch (err) {
      toastError(err);
      return;
    }
    void Taro.navigateTo({ url: routes.localLogin() });
  };

  return (
    <View id="mine-page" className="mine">
      <PageFrame loading={loading && !data} error={error} onRetry={() => void reload()}>
        {data ? <Profile me={data} /> : null}
        {data ? <ManageCard me={data} /> : null}
        <View className="card mine-list">
          {data?.bound ? (
            <View
              id="mine-entry-reminders"
              className="mine-row mine-entry"
              onClick={() => void Taro.navigateTo({ url: routes.reminders() })}
            >
              <Text className="mine-row-title">消息提醒</Text>
              <Text className="mine-entry-hint">订阅与剩余次数 ›</Text>
            </View>
          ) : null}
          <View id="system-ping" className="system-ping mine-row" onClick={() => void checkService()}>
            <Text className="mine-row-title">服务状态</Text>
            <Text id="system-ping-result" className="system-ping-result">
              {pingText || '点击检测'}
            </Text>
          </View>
        </View>
        {IS_H5 ? (
          <>
            <View className="card mine-list">
              <View id="mine-entry-inbox" className="mine-row mine-entry" onClick={() => void Taro.navigateTo({ url: routes.inbox() })}>
                <Text className="mine-row-title">本地消息</Text>
                <Text className="mine-entry-hint">模拟订阅消息 ›</Text>
              </View>
              <View
                id="mine-entry-tools"
                className="mine-row mine-entry"
                onClick={() => void Taro.navigateTo({ url: routes.localTools() })}
              >
                <Text className="mine-row-title">本地工具</Text>
                <Text className="mine-entry-hint">模拟时间 ›</Text>
              </View>
            </View>
            <View className="mine-actions">
              <Button id="local-sign-out" className="local-sign-out" block type="default" onClick={() => void onSignOut()}>
                退出登录
              </Button>
              <Text className="mine-local-note">本地模式 · 仅用于开发演示</Text>
              <LocalClockShift />
            </View>
          </>
        ) : null}
      </PageFrame>
    </View>
  );
}

export default function MinePage() {
  return (
    <ErrorBoundary>
      <Mine />
    </ErrorBoundary>
  );
}
