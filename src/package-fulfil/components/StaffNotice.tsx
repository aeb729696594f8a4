/**
 * 践诺打卡 and 我的践诺 are a roster member's own: staff (admin, general secretary, leader — bound through a
 * role, on no roster) learn what the page is for and go where their work is, instead of "please bind".
 * Stable ids: those of NotAllowed (#not-allowed, #not-allowed-onward).
 */
import type { WhoAmI } from '@contract/system';
import NotAllowed from '@/components/NotAllowed';
import { routes } from '@/routes';

export default function StaffNotice({ me, page, roundKey }: { me: WhoAmI; page: 'checkin' | 'report'; roundKey: string }) {
  const orgId = me.roles[0]?.orgId ?? '';
  if (page === 'checkin') {
    return (
      <NotAllowed
        title="践诺打卡是团员本人的记录"
        hint="团员在这里对照自己的“四带头”承诺记录践诺。你的账号是工作人员账号，不在花名册上，没有个人打卡；组织的活动和照片在践诺动态中。"
        onward={{ text: '查看践诺动态', url: routes.fulfilFeed(orgId) }}
      />
    );
  }
  return (
    <NotAllowed
      title="这里是团员本人的承诺践诺情况"
      hint="团员在这里查看自己的“四带头”承诺和践诺记录。你的账号是工作人员账号，不在花名册上；团员的践诺情况在组织的承诺践诺报告中查看。"
      onward={{ text: '查看承诺践诺报告', url: routes.fulfilOrgReport(orgId, roundKey) }}
    />
  );
}
