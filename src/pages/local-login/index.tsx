/**
 * 本地登录 (H5 local mode only): pick a demo identity from the emulator instead of a WeChat login.
 * GET /api/local/identities → list; tap → POST /api/local/sign-in { openid } (sets a cookie) → 我的.
 * Stable ids/classes for e2e:
 *   #local-login-page
 *   #local-mode-banner / .local-mode-banner   "本地模式 · 仅用于开发演示"
 *   .identity-group (id identity-group-<n>, in GROUP_ORDER), .identity-group-title; .identity-list per group
 *   .identity-item (one per identity; id identity-<openid>), .identity-label, .identity-description
 *   #local-login-unavailable                   shown in the weapp build instead of the list
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { LocalIdentity } from '@contract/app';
import LocalPage from '@/components/LocalPage';
import PageFrame from '@/components/PageFrame';
import { useAction } from '@/hooks/useAction';
import { useCloud } from '@/hooks/useCloud';
import { routes } from '@/routes';
import { listIdentities, signIn } from '@/services/local';
import { toastError } from '@/utils/feedback';
import './index.scss';

/** Headings in order: staff roles first, then cadres, the unbound visitor, then the many members. */
const GROUP_ORDER = ['校团委管理员', '团总支书记', '团支部书记', '领导小组成员', '团干部', '未绑定', '团员'];

function grouped(list: LocalIdentity[]): { name: string; identities: LocalIdentity[] }[] {
  const rank = (g: string) => (GROUP_ORDER.includes(g) ? GROUP_ORDER.indexOf(g) : GROUP_ORDER.length);
  const names = [...new Set(list.map((i) => i.group))].sort((a, b) => rank(a) - rank(b));
  return names.map((name) => ({ name, identities: list.filter((i) => i.group === name) }));
}

function domId(openid: string): string {
  return `identity-${openid.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function IdentityList() {
  const { loading, data, error, reload } = useCloud(listIdentities);
  const signingIn = useAction({ onError: toastError });
  const [chosen, setChosen] = useState<string | null>(null);
  const busy = signingIn.busy ? chosen : null;

  const choose = (identity: LocalIdentity) => {
    if (signingIn.busy) return;
    setChosen(identity.openid);
    void signingIn.run(async () => {
      await signIn(identity.openid);
      await Taro.switchTab({ url: routes.mine() });
    });
  };

  return (
    <PageFrame
      loading={loading}
      error={error}
      onRetry={() => void reload()}
      empty={!!data && data.length === 0}
      emptyTitle="暂无可用身份"
      emptyHint="请先运行 npm run seed 导入演示数据。"
    >
      <Text className="section-title">选择一个演示身份登录</Text>
      {grouped(data ?? []).map((group, gi) => {
        return (
          <View key={group.name} id={`identity-group-${gi}`} className="identity-group">
            <Text className="identity-group-title">
              {group.name} · {group.identities.length} 人
            </Text>
            <View className="card identity-list">
              {group.identities.map((identity) => (
                <View
                  key={identity.openid}
                  id={domId(identity.openid)}
                  className={`identity-item${busy === identity.openid ? ' identity-item-busy' : ''}`}
                  onClick={() => choose(identity)}
                >
                  <View className="identity-avatar">{identity.label.slice(0, 1)}</View>
                  <View className="identity-body">
                    <Text className="identity-label">{identity.label}</Text>
                    <Text className="identity-description">{identity.description}</Text>
                  </View>
                  <Text className="identity-arrow">{busy === identity.openid ? '登录中…' : '登录'}</Text>
                </View>
              ))}
            </View>
          </View>
        );
      })}
    </PageFrame>
  );
}

export default function LocalLoginPage() {
  return (
    <LocalPage
      name="local-login"
      feature="本地登录"
      title="本地模式 · 仅用于开发演示"
      hint="这里的身份来自本地模拟环境，正式版通过微信登录。"
    >
      <IdentityList />
    </LocalPage>
  );
}
