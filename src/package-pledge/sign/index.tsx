/**
 * 签署“四带头”承诺 (SIGN_PAGE): opened by scanning the branch's 小程序码 (weapp: options.scene) or the
 * H5 link (?scene=). pledge.scan says who may sign what; the member writes their own commitments per
 * lead (rule.itemsPerLead inputs, each ≥ rule.minLength characters; cadres 团干部标准), signs on the
 * canvas (or 以姓名确认), the image is uploaded to pledge-signatures/<campaignId>/<roundKey>/<memberId>/<ts>.png
 * and pledge.sign records it. Signed → 已签署 with the signature and time; 重新签署 before the deadline.
 * Stable ids/classes for e2e:
 *   #sign-page
 *   #sign-invalid / .sign-state     invalid or expired QR (NOT_FOUND / CONFLICT / bad scene)
 *   #sign-stale                     an automatic (自动更换) QR scanned too late: a screenshot or forward
 *   #sign-unbound                   NOT_BOUND (also redirects to pages/bind?redirect=<this page>)
 *   #sign-signed-out                H5 signed out (#sign-login 去登录)
 *   #sign-forbidden                 another branch's QR
 *   #sign-deadline                  round closed and not signed
 *   #sign-waiting                   cadres must sign first (#sign-waiting-count, #sign-waiting-refresh)
 *   #sign-header: #sign-branch, #sign-theme, #sign-deadline-text, #sign-cadre-tag (cadres)
 *   #sign-form: .sign-lead (id sign-lead-<lead>), .sign-lead-name, inputs #sign-item-<lead>-<i>,
 *     #sign-rule-hint, .sign-lead-error (id sign-error-<lead>)
 *   #signature-pad (see SignaturePad), #sign-mode-name / #sign-mode-draw, #sign-name (name input)
 *   #sign-submit (disabled while submitting), #sign-submit-error
 *   #sign-done / .sign-done: #sign-done-time, #sign-signature-image (img) or #sign-signature-name,
 *     .sign-done-item, #sign-resign (before the deadline)
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Image, Input, Text, View } from '@tarojs/components';
import { FOUR_LEADS, FOUR_LEAD_NAMES, type FourLead, type Signature } from '@contract/models';
import { FIELDS } from '@contract/fields';
import { QR_STALE, keyOfScene, pledgeProblems, ruleText, type SignPageView } from '@contract/pledge';
import ErrorBoundary from '@/components/ErrorBoundary';
import { FormSubmit, LimitHint, TextField } from '@/components/Form';
import PageFrame from '@/components/PageFrame';
import { Button } from '@/components/nut';
import { useAction } from '@/hooks/useAction';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { routes } from '@/routes';
import { CloudError, call } from '@/services/cloud';
import { uploadFile } from '@/services/storage';
import { formatDay, formatTime, today } from '@/utils/date';
import { memberIdOf, signaturePath } from '@/utils/pledge';
import SignaturePad, { type SignaturePadHandle } from '../components/SignaturePad';
import './index.scss';

type Items = Record<FourLead, string[]>;

function emptyItems(n: number, from?: Items | null): Items {
  const out = {} as Items;
  for (const lead of FOUR_LEADS) {
    const prev = from?.[lead] ?? [];
    out[lead] = Array.from({ length: Math.max(n, prev.length) }, (_, i) => prev[i] ?? '');
  }
  return out;
}

/** The scene from the router: a 小程序码 hands it URL-encoded (k%3D…); decode once more if needed. */
export function sceneFromParam(raw: string): string {
  let s = raw;
  for (let i = 0; i < 2 && s.includes('%'); i++) {
    try {
      s = decodeURIComponent(s);
    } catch {
      break;
    }
  }
  return s;
}

interface Ctx {
  view: SignPageView;
  campaignId: string;
  memberId: string;
  name: string;
}

async function load(scene: string): Promise<Ctx> {
  if (!keyOfScene(scene)) throw new CloudError('NOT_FOUND', '二维码无效');
  const view = await call('pledge', 'scan', { scene });
  const [me, timeline] = await Promise.all([call('system', 'whoami', {}), call('campaign', 'timeline', {})]);
  return { view, campaignId: timeline.campaign.id, memberId: me.studentNo ? memberIdOf(me.studentNo) : '', name: me.name ?? '' };
}

function StateCard({
  id,
  icon,
  title,
  detail,
  children,
}: {
  id: string;
  icon: string;
  title: string;
  detail: string;
  children?: ReactNode;
}) {
  return (
    <View id={id} className="sign-state">
      <View className="page-frame-badge sign-state-badge">{icon}</View>
      <Text className="sign-state-title">{title}</Text>
      <Text className="sign-state-detail">{detail}</Text>
      {children}
    </View>
  );
}

function Header({ view }: { view: SignPageView }) {
  return (
    <View id="sign-header" className="sign-header">
      <Text id="sign-branch" className="sign-branch">
        {view.branchName}
      </Text>
      <Text className="sign-header-label">“四带头”承诺 · 本轮主题</Text>
      <Text id="sign-theme" className="sign-theme">
        {view.theme}
      </Text>
      <Text id="sign-deadline-text" className="sign-deadline">
        {formatDay(view.deadline)} 前完成签署
      </Text>
    </View>
  );
}

function Done({ view, onResign, canResign }: { view: SignPageView; onResign: () => void; canResign: boolean }) {
  const mine = view.mine;
  if (!mine) return null;
  return (
    <View id="sign-done" className="card sign-done">
      <View className="sign-done-head">
        <View className="sign-done-check">✓</View>
        <View>
          <Text className="sign-done-title">已签署</Text>
          <Text id="sign-done-time" className="sign-done-time">
            签署时间 {formatTime(mine.signedAt)}
          </Text>
        </View>
      </View>
      {FOUR_LEADS.map((lead) => (
        <View key={lead} className="sign-done-lead">
          <Text className="sign-done-lead-name">{FOUR_LEAD_NAMES[lead]}</Text>
          {mine.items[lead].map((t, i) => (
            <Text key={i} className="sign-done-item">
              {mine.items[lead].length > 1 ? `${i + 1}. ` : ''}
              {t}
            </Text>
          ))}
        </View>
      ))}
      <View className="sign-done-signature">
        <Text className="sign-done-lead-name">本人签名</Text>
        {mine.signatureUrl ? (
          <Image id="sign-signature-image" className="sign-signature-image" mode="aspectFit" src={mine.signatureUrl} />
        ) : (
          <Text id="sign-signature-name" className="sign-signature-name">
            以姓名确认
          </Text>
        )}
      </View>
      {canResign ? (
        <View className="form-actions">
          <Button id="sign-resign" block type="default" onClick={onResign}>
            修改并重新签署
          </Button>
          <Text className="form-note">截止日期前可以修改，重新签署后以最新一次为准。</Text>
        </View>
      ) : (
        <Text className="form-note">本轮签署已截止。</Text>
      )}
    </View>
  );
}

function SignForm({ ctx, scene, onSigned }: { ctx: Ctx; scene: string; onSigned: () => Promise<void> }) {
  const { view } = ctx;
  const rule = view.rule;
  const [items, setItems] = useState<Items>(() => emptyItems(rule.itemsPerLead, view.mine?.items));
  const [problems, setProblems] = useState<Partial<Record<FourLead, string>>>({});
  const [mode, setMode] = useState<'draw' | 'name'>('draw');
  const [name, setName] = useState(ctx.name);
  const { busy, error, setError, run } = useAction();
  const pad = useRef<SignaturePadHandle | null>(null);

  const setItem = (lead: FourLead, i: number, value: string) => {
    setItems((prev) => ({ ...prev, [lead]: prev[lead].map((t, j) => (j === i ? value : t)) }));
  };

  const submit = () => {
    if (busy) return;
    setError(null);
    const trimmed = {} as Items;
    for (const lead of FOUR_LEADS) trimmed[lead] = items[lead].map((t) => t.trim()).filter(Boolean);
    const found = pledgeProblems(items, rule);
    const byLead: Partial<Record<FourLead, string>> = {};
    for (const p of found) byLead[p.lead] = p.reason;
    setProblems(byLead);
    const invalid = (message: string) => setError(new CloudError('INVALID_ARGUMENT', message));
    if (found.length > 0) {
      invalid('请按要求填写每一项承诺');
      return;
    }
    if (mode === 'draw' && !pad.current?.isSigned()) {
      invalid('请在签名框内手写签名');
      return;
    }
    if (mode === 'name' && !name.trim()) {
      invalid('请填写姓名');
      return;
    }
    void run(async () => {
      let signature: Signature;
      if (mode === 'draw' && pad.current) {
        let file;
        try {
          file = await pad.current.toFile();
        } catch {
          setMode('name');
          throw new CloudError('INVALID_ARGUMENT', '无法生成签名图片，请改用姓名确认');
        }
        const fileID = await uploadFile(signaturePath(ctx.campaignId, view.roundKey, ctx.memberId, Date.now()), file);
        signature = { kind: 'image', fileID };
      } else {
        signature = { kind: 'name', name: name.trim() };
      }
      await call('pledge', 'sign', { scene, items: trimmed, signature });
      await onSigned();
    });
  };

  return (
    <View id="sign-form" className="sign-form">
      <View className="card">
        <View className="sign-rule">
          {view.isCadre ? (
            <Text id="sign-cadre-tag" className="sign-cadre-tag">
              团干部标准
            </Text>
          ) : null}
          <Text id="sign-rule-hint" className="sign-rule-hint">
            {ruleText(rule)}
          </Text>
        </View>
        {FOUR_LEADS.map((lead) => (
          <View key={lead} id={`sign-lead-${lead}`} className="sign-lead">
            <Text className="sign-lead-name">{FOUR_LEAD_NAMES[lead]}</Text>
            {items[lead].map((value, i) => (
              <View key={i}>
                <Input
                  id={`sign-item-${lead}-${i}`}
                  className="field-input sign-item"
                  placeholder={
                    items[lead].length > 1 ? `第 ${i + 1} 条承诺（不少于 ${rule.minLength} 字）` : `我的承诺（不少于 ${rule.minLength} 字）`
                  }
                  value={value}
                  maxlength={FIELDS.commitment.max}
                  onInput={(e) => setItem(lead, i, e.detail.value)}
                />
                <LimitHint id={`sign-item-${lead}-${i}-hint`} value={value} limit={FIELDS.commitment} />
              </View>
            ))}
            {problems[lead] ? (
              <Text id={`sign-error-${lead}`} className="sign-lead-error">
                {problems[lead]}
              </Text>
            ) : null}
          </View>
        ))}
      </View>

      <View className="card">
        <View className="card-title-row sign-signature-title">
          <Text className="card-title">本人签名</Text>
          {mode === 'draw' ? (
            <Text id="sign-mode-name" className="link" onClick={() => setMode('name')}>
              以姓名确认
            </Text>
          ) : (
            <Text id="sign-mode-draw" className="link" onClick={() => setMode('draw')}>
              手写签名
            </Text>
          )}
        </View>
        <View className={mode === 'draw' ? '' : 'sign-hidden'}>
          <SignaturePad ref={pad} onUnavailable={() => setMode('name')} />
        </View>
        {mode === 'name' ? (
          <TextField id="sign-name" label="输入本人姓名以确认承诺" value={name} limit={FIELDS.signatureName} onChange={setName} />
        ) : null}
        <FormSubmit
          id="sign-submit"
          errorId="sign-submit-error"
          error={error}
          busy={busy}
          onClick={submit}
          note="我自愿作出以上承诺，接受组织和团员青年监督。"
        >
          {busy ? '正在提交…' : view.mine ? '重新签署' : '确认签署'}
        </FormSubmit>
      </View>
    </View>
  );
}

function Sign() {
  const scene = sceneFromParam(useParam('scene'));
  const { loading, data: ctx, error, reload } = useCloud(() => load(scene), [scene]);
  const [editing, setEditing] = useState(false);
  // Binding brings the member back here.
  const bindUrl = routes.bind(routes.sign(scene));

  useEffect(() => {
    if (error?.code === 'NOT_BOUND') void Taro.redirectTo({ url: bindUrl });
  }, [error, bindUrl]);

  if (error) {
    const code = error.code;
    if (code === 'CONFLICT' && error.message === QR_STALE) {
      return (
        <StateCard
          id="sign-stale"
          icon="!"
          title="二维码已更新"
          detail="签名二维码每分钟自动更换，截图或转发的二维码约 2 分钟内失效。请到签名现场，扫描团支部书记屏幕上的最新二维码。"
        />
      );
    }
    if (code === 'NOT_FOUND' || code === 'CONFLICT' || code === 'INVALID_ARGUMENT') {
      return <StateCard id="sign-invalid" icon="!" title="二维码无效或已过期" detail="请向团支部书记索取最新的签名二维码后重新扫码。" />;
    }
    if (code === 'NOT_BOUND') {
      return (
        <StateCard id="sign-unbound" icon="?" title="请先完成实名绑定" detail="绑定学号和姓名后会自动回到签名页面。">
          <Button id="sign-bind" type="primary" onClick={() => void Taro.redirectTo({ url: bindUrl })}>
            去绑定
          </Button>
        </StateCard>
      );
    }
    if (code === 'UNAUTHENTICATED' && IS_H5) {
      return (
        <StateCard id="sign-signed-out" icon="?" title="请先登录" detail="本地模式下请先选择一个演示身份登录，再重新打开签名链接。">
          <Button id="sign-login" type="primary" onClick={() => void Taro.navigateTo({ url: routes.localLogin() })}>
            去登录
          </Button>
        </StateCard>
      );
    }
    if (code === 'FORBIDDEN') {
      return (
        <StateCard
          id="sign-forbidden"
          icon="!"
          title="这不是你所在团支部的二维码"
          detail={error.message && error.message !== '没有权限进行此操作' ? error.message : '请扫描本人所在团支部的签名二维码。'}
        />
      );
    }
    if (code === 'DEADLINE_PASSED') {
      return <StateCard id="sign-deadline" icon="!" title="本轮签署已截止" detail={error.message} />;
    }
    return <PageFrame error={error} onRetry={() => void reload()} />;
  }

  if (loading || !ctx) {
    return <PageFrame loading />;
  }

  const { view } = ctx;
  const beforeDeadline = today() <= view.deadline;
  const signed = !!view.mine && !editing;

  let body: ReactNode;
  if (signed) {
    body = <Done view={view} canResign={beforeDeadline} onResign={() => setEditing(true)} />;
  } else if (!view.mine && !beforeDeadline) {
    body = <StateCard id="sign-deadline" icon="!" title="本轮签署已截止" detail={`签署截止日期为 ${formatDay(view.deadline)}。`} />;
  } else if (!view.isCadre && view.cadresPending > 0 && !view.mine) {
    body = (
      <StateCard
        id="sign-waiting"
        icon="等"
        title="请等待团干部先签署"
        detail="按照“团干部先承诺”的要求，本支部团干部全部签署后，团员才能签署。"
      >
        <Text id="sign-waiting-count" className="sign-waiting-count">
          还有 {view.cadresPending} 名团干部未签署
        </Text>
        <Button id="sign-waiting-refresh" type="primary" onClick={() => void reload()}>
          刷新
        </Button>
      </StateCard>
    );
  } else {
    body = (
      <SignForm
        ctx={ctx}
        scene={scene}
        onSigned={async () => {
          setEditing(false);
          await reload();
        }}
      />
    );
  }

  return (
    <View>
      <Header view={view} />
      {body}
    </View>
  );
}

export default function SignPage() {
  return (
    <ErrorBoundary>
      <View id="sign-page" className="sign">
        <Sign />
      </View>
    </ErrorBoundary>
  );
}
