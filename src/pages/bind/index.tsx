/**
 * 实名绑定: a member binds their WeChat identity to their roster entry (account.bind: 学号 + 姓名);
 * staff redeem the invite code the admin gave them (account.redeemInvite). When the entry is already
 * bound by someone else (CONFLICT), the member may ask their branch secretary to release it
 * (account.requestRelease). On success: back to 我的, or to ?redirect= (an in-app page path, e.g. the
 * 四带头 sign page with its scene) when given — redirectTo, so 返回 does not land on the form again.
 * Stable ids/classes for e2e:
 *   #bind-page
 *   #bind-redirect-note                 shown when a redirect is pending (“绑定后将回到签名页面”)
 *   #bind-tab-member / #bind-tab-staff (.bind-tab, .bind-tab-active)   switch between the two forms
 *   #bind-form / .bind-form
 *   #bind-student-no, #bind-name (.field-input; the <input> is inside)  学号 / 姓名
 *   #bind-submit / .bind-submit                                          绑定
 *   #bind-error / .form-error                                            the server's message
 *   #bind-conflict / .bind-conflict                                      entry bound by someone else
 *   #bind-release-note, #bind-request-release (.bind-request-release)    申请解绑
 *   #bind-release-sent / .bind-release-sent                              request sent
 *   #invite-form, #invite-code, #invite-submit, #invite-error            邀请码
 */
import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { FIELDS } from '@contract/fields';
import ErrorBoundary from '@/components/ErrorBoundary';
import { FormSubmit, TextField } from '@/components/Form';
import { Button } from '@/components/nut';
import { useAction } from '@/hooks/useAction';
import { routes } from '@/routes';
import { CloudError, call } from '@/services/cloud';
import { toastOk } from '@/utils/feedback';
import './index.scss';

/** Where to go after binding: ?redirect=<in-app path> (e.g. the sign page with its scene), else back. */
export function safeRedirect(raw: string): string | null {
  // Decode only while still encoded (the router may already have decoded it once).
  let url = raw;
  try {
    if (!url.startsWith('/')) url = decodeURIComponent(url);
  } catch {
    return null;
  }
  // Only in-app pages: an absolute path without a scheme or a host.
  return /^\/(pages|package-[a-z]+)\/[A-Za-z0-9/_-]+(\?.*)?$/.test(url) ? url : null;
}

async function backToMine(redirect: string | null): Promise<void> {
  if (redirect) {
    await Taro.redirectTo({ url: redirect });
    return;
  }
  const pages = Taro.getCurrentPages ? Taro.getCurrentPages() : [];
  if (pages.length > 1) {
    await Taro.navigateBack();
  } else {
    await Taro.switchTab({ url: routes.mine() });
  }
}

function MemberForm({ redirect }: { redirect: string | null }) {
  const [studentNo, setStudentNo] = useState('');
  const [name, setName] = useState('');
  // One error line for both actions: a failed 申请解绑 replaces the bind error it answers.
  const { busy, error, setError, run } = useAction();
  const release = useAction({ onError: setError });
  const [note, setNote] = useState('');
  const [sent, setSent] = useState<string | null>(null);

  const submit = () => {
    if (busy) return;
    if (!studentNo.trim() || !name.trim()) {
      setError(new CloudError('INVALID_ARGUMENT', '请填写学号和姓名'));
      return;
    }
    setSent(null);
    void run(async () => {
      const res = await call('account', 'bind', { studentNo: studentNo.trim(), name: name.trim() });
      toastOk(`绑定成功：${res.name}`);
      await backToMine(redirect);
    });
  };

  const requestRelease = () =>
    release.run(async () => {
      const trimmed = note.trim();
      const res = await call('account', 'requestRelease', {
        studentNo: studentNo.trim(),
        name: name.trim(),
        ...(trimmed ? { note: trimmed } : {}),
      });
      setSent(
        res.secretaryName ? `已提交解绑申请，请联系团支部书记${res.secretaryName}处理。` : '已提交解绑申请，请联系所在团支部书记处理。',
      );
      setError(null);
    });

  return (
    <View id="bind-form" className="card bind-form">
      <Text className="bind-intro">请填写与花名册一致的学号和姓名。一个学号只能绑定一个微信账号。</Text>
      <TextField
        id="bind-student-no"
        label="学号"
        type="text"
        placeholder="例如 2023010101"
        value={studentNo}
        limit={FIELDS.studentNo}
        onChange={setStudentNo}
      />
      <TextField id="bind-name" label="姓名" type="text" placeholder="真实姓名" value={name} limit={FIELDS.personName} onChange={setName} />
      {error ? (
        <Text id="bind-error" className="form-error">
          {error.message}
        </Text>
      ) : null}
      {error?.code === 'CONFLICT' && !sent ? (
        <View id="bind-conflict" className="bind-conflict">
          <Text className="form-note">这个学号已被其他微信账号绑定。如果不是你本人操作，可以申请团支部书记解除绑定。</Text>
          <TextField
            id="bind-release-note"
            label="说明（选填）"
            placeholder="例如：更换了手机号"
            value={note}
            limit={FIELDS.releaseNote}
            onChange={setNote}
          />
          <View className="form-actions">
            <Button
              id="bind-request-release"
              className="bind-request-release"
              block
              type="default"
              loading={release.busy}
              onClick={() => void requestRelease()}
            >
              申请解绑
            </Button>
          </View>
        </View>
      ) : null}
      {sent ? (
        <Text id="bind-release-sent" className="bind-release-sent form-note">
          {sent}
        </Text>
      ) : null}
      <View className="form-actions">
        <Button id="bind-submit" className="bind-submit" block type="primary" loading={busy} onClick={submit}>
          绑定
        </Button>
      </View>
    </View>
  );
}

function InviteForm({ redirect }: { redirect: string | null }) {
  const [code, setCode] = useState('');
  const { busy, error, setError, run } = useAction();

  const submit = () => {
    if (!code.trim()) {
      setError(new CloudError('INVALID_ARGUMENT', '请输入邀请码'));
      return;
    }
    void run(async () => {
      const res = await call('account', 'redeemInvite', { code: code.trim() });
      toastOk(`欢迎，${res.name}`);
      await backToMine(redirect);
    });
  };

  return (
    <View id="invite-form" className="card bind-form">
      <Text className="bind-intro">校团委、学院的老师和工作人员请输入管理员提供的邀请码。</Text>
      <TextField id="invite-code" label="邀请码" placeholder="例如 AB12CD34" value={code} limit={FIELDS.inviteCode} onChange={setCode} />
      <FormSubmit id="invite-submit" errorId="invite-error" error={error} busy={busy} onClick={submit}>
        使用邀请码
      </FormSubmit>
    </View>
  );
}

export default function BindPage() {
  const [tab, setTab] = useState<'member' | 'staff'>('member');
  const router = useRouter();
  const redirect = typeof router.params.redirect === 'string' ? safeRedirect(router.params.redirect) : null;
  return (
    <ErrorBoundary>
      <View id="bind-page" className="bind">
        <View className="bind-tabs">
          <View id="bind-tab-member" className={`bind-tab${tab === 'member' ? ' bind-tab-active' : ''}`} onClick={() => setTab('member')}>
            团员绑定
          </View>
          <View id="bind-tab-staff" className={`bind-tab${tab === 'staff' ? ' bind-tab-active' : ''}`} onClick={() => setTab('staff')}>
            工作人员
          </View>
        </View>
        {redirect ? (
          <Text id="bind-redirect-note" className="form-note bind-redirect-note">
            完成绑定后将自动回到刚才的页面。
          </Text>
        ) : null}
        {tab === 'member' ? <MemberForm redirect={redirect} /> : <InviteForm redirect={redirect} />}
      </View>
    </ErrorBoundary>
  );
}
