/**
 * 践诺 · 评诺 entries on the 承诺 tab, by role: the org's activity feed (发布活动 there), a member's
 * check-in and own report, a secretary's 承诺践诺报告 (where members are reviewed), and for the committee and
 * general branches 点评总结汇编 (every stage summary below them, printable).
 * Stable ids: #fulfil-entries, #fulfil-feed, #fulfil-checkin, #fulfil-my-report, #fulfil-org-report, #fulfil-compiled
 */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { WhoAmI } from '@contract/system';
import { routes } from '@/routes';
import { Button } from '../nut';

export default function FulfilEntries({ me, roundKey }: { me: WhoAmI; roundKey: string }) {
  const branch = [...me.orgPath].reverse().find((o) => o.level === 'branch');
  const managed = me.roles.find((r) => r.role === 'secretary' || r.role === 'generalSecretary');
  const compiler = me.roles.find((r) => r.role === 'admin' || r.role === 'generalSecretary');
  const feedOrg = managed?.orgId ?? branch?.id;
  const open = (url: string) => void Taro.navigateTo({ url });
  if (!feedOrg && !compiler) return null;
  return (
    <View id="fulfil-entries" className="card">
      <Text className="org-pledge-name">践诺 · 评诺</Text>
      <Text className="form-note">活动照片、践诺打卡和点评，承诺与践诺一一对照。</Text>
      <View className="pledge-session-actions" style={{ flexWrap: 'wrap' }}>
        {feedOrg ? (
          <Button id="fulfil-feed" type="primary" size="small" onClick={() => open(routes.fulfilFeed(feedOrg))}>
            {managed ? '践诺动态 · 发布活动' : '践诺动态'}
          </Button>
        ) : null}
        {me.studentNo ? (
          <Button id="fulfil-checkin" type="default" size="small" onClick={() => open(routes.fulfilCheckIn(roundKey))}>
            践诺打卡
          </Button>
        ) : null}
        {me.studentNo ? (
          <Button id="fulfil-my-report" type="default" size="small" onClick={() => open(routes.fulfilReport(roundKey))}>
            我的践诺
          </Button>
        ) : null}
        {managed ? (
          <Button id="fulfil-org-report" type="default" size="small" onClick={() => open(routes.fulfilOrgReport(managed.orgId, roundKey))}>
            承诺践诺报告
          </Button>
        ) : null}
        {compiler ? (
          <Button id="fulfil-compiled" type="default" size="small" onClick={() => open(routes.fulfilCompiled(compiler.orgId, roundKey))}>
            点评总结汇编
          </Button>
        ) : null}
      </View>
    </View>
  );
}
