/**
 * 四带头签名 (secretary): pledge.openSession shows the branch's signing 小程序码 large enough to scan
 * from a phone held up to the screen; in H5 local mode also the link it encodes (for desktop users).
 * 更换二维码 (rotateSession: old codes stop working) and 结束签名 (closeSession), both confirmed.
 * 自动更换 (setAutoRotate): while the page is visible it calls tickSession every TICK_MS, and the server
 * replaces the key once a minute (a replaced key keeps a short grace; a screenshot dies within ~2 min).
 * Progress and the cadres who have not signed come from pledge.sheet, refreshed with every tick while the
 * page is visible and on 刷新. Cadres sign first: the page names those pending and offers 我先签 to a
 * pending cadre who opened it (the secretary), which opens the sign page with the session's scene.
 * Query: ?branchId=&roundKey= (either may be omitted: the secretary's branch / the current round).
 * Stable ids/classes for e2e:
 *   #session-page, #session-branch, #session-theme
 *   #session-qr (the QR <img>), #session-link (H5 only: the sign page URL), #session-copy-link
 *   #session-progress (“已签 N / M 人”), #session-progress-bar, #session-refresh
 *   #session-rotate (更换二维码), #session-close (结束签名), #session-closed (after closing), #session-reopen
 *   #session-auto (自动更换 switch), #session-auto-note, #session-issued (the key's issue time)
 *   #session-cadres (cadres pending: .session-cadre per name), #session-cadres-done, #session-sign-first (我先签)
 *   #session-sheet (查看集体承诺书)
 */
import Taro from '@tarojs/taro';
import { Image, Switch, Text, View } from '@tarojs/components';
import { ROTATE_EVERY_MS } from '@contract/pledge';
import ErrorBoundary from '@/components/ErrorBoundary';
import PageFrame from '@/components/PageFrame';
import { Button } from '@/components/nut';
import { useAction } from '@/hooks/useAction';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { useVisibleInterval } from '@/hooks/useVisibleInterval';
import { routes } from '@/routes';
import { CloudError, call } from '@/services/cloud';
import { formatTime } from '@/utils/date';
import { confirmAction, toastError, toastOk } from '@/utils/feedback';
import { signLink } from '@/utils/pledge';
import { resolveBranchRound } from '../components/context';
import '../sign/index.scss';
import './index.scss';

/** How often the visible page refreshes its progress and asks for the automatic key's successor. */
const TICK_MS = 10_000;

function Session() {
  const branchParam = useParam('branchId');
  const roundParam = useParam('roundKey');
  // Opening (again, after 结束签名) gives a fresh session; 更换二维码 and 结束签名 change the one on screen.
  const opened = useCloud(async () => {
    const t = await resolveBranchRound(branchParam, roundParam);
    if (!t.branchId || !t.roundKey) throw new CloudError('NOT_FOUND', t.branchId ? '当前没有进行中的承诺轮次' : '你不是团支部书记');
    return { target: t, session: await call('pledge', 'openSession', t), closed: false };
  }, [branchParam, roundParam]);
  const session = opened.data?.session ?? null;
  const target = opened.data?.target ?? null;
  const closed = opened.data?.closed ?? false;
  // Progress and pending cadres come from the sheet; a failed refresh keeps the last figures (the QR stays usable).
  const sheet = useCloud(async () => {
    if (!target) return null;
    const [s, me] = await Promise.all([call('pledge', 'sheet', target), call('system', 'whoami', {})]);
    const cadres = s.rows.filter((r) => r.isCadre && !r.signedAt);
    return {
      signed: s.signedCount,
      total: s.total,
      cadresPending: cadres.map((r) => ({ name: r.name, post: r.post })),
      mePending: !!me.studentNo && cadres.some((r) => r.studentNo === me.studentNo),
    };
  }, [target]);
  const progress = sheet.data;
  const refreshProgress = sheet.reload;
  const { busy, run } = useAction({ onError: toastError });

  // The automatic key is replaced by the server once it is a minute old; a failed tick waits for the next.
  const tick = async () => {
    if (session?.auto && !closed) {
      try {
        const next = await call('pledge', 'tickSession', { sessionId: session.id });
        opened.setData((d) => d && { ...d, session: next });
      } catch {
        // the next tick (or 刷新) tries again; the QR on screen stays until then
      }
    }
    await refreshProgress();
  };
  useVisibleInterval(() => void tick(), target ? TICK_MS : null);

  const setAuto = (auto: boolean) =>
    run(async () => {
      if (!session) return;
      const next = await call('pledge', 'setAutoRotate', { sessionId: session.id, auto });
      opened.setData((d) => d && { ...d, session: next });
      toastOk(auto ? '已开启自动更换' : '已关闭自动更换');
    });

  const rotate = () =>
    run(async () => {
      if (!session) return;
      if (!(await confirmAction('更换二维码', '更换后，旧的二维码和链接将立即失效，已签署的承诺不受影响。确定更换吗？', '更换'))) return;
      const rotated = await call('pledge', 'rotateSession', { sessionId: session.id });
      opened.setData((d) => d && { ...d, session: rotated });
      toastOk('已更换二维码');
    });

  const close = () =>
    run(async () => {
      if (!session) return;
      if (!(await confirmAction('结束签名', '结束后二维码将失效，团员无法再扫码签署。确定结束吗？', '结束'))) return;
      await call('pledge', 'closeSession', { sessionId: session.id });
      opened.setData((d) => d && { ...d, closed: true });
    });

  const signFirst = () => session && void Taro.navigateTo({ url: routes.sign(session.scene) });
  const link = session && IS_H5 && typeof window !== 'undefined' ? signLink(window.location.origin, session.scene) : '';
  const pct = progress && progress.total > 0 ? Math.round((progress.signed / progress.total) * 100) : 0;

  return (
    <PageFrame loading={opened.loading && !session} error={opened.error} onRetry={() => void opened.reload()}>
      {session && target ? (
        <View>
          <View className="sign-header">
            <Text id="session-branch" className="sign-branch">
              {session.branchName}
            </Text>
            <Text className="sign-header-label">“四带头”集体签名 · 本轮主题</Text>
            <Text id="session-theme" className="sign-theme">
              {session.theme}
            </Text>
          </View>

          {progress && progress.cadresPending.length > 0 ? (
            <View id="session-cadres" className="card session-cadres">
              <Text className="card-title">团干部先签</Text>
              <Text className="session-cadres-count">
                还有 {progress.cadresPending.length} 名团干部未签署，团员需等团干部签完后才能签署：
              </Text>
              <View className="session-cadre-list">
                {progress.cadresPending.map((c) => (
                  <Text key={`${c.name}-${c.post ?? ''}`} className="session-cadre">
                    {c.post ? `${c.name}（${c.post}）` : c.name}
                  </Text>
                ))}
              </View>
              {progress.mePending && !closed ? (
                <View className="form-actions">
                  <Button id="session-sign-first" type="primary" block onClick={signFirst}>
                    我先签
                  </Button>
                </View>
              ) : (
                <Text className="form-note">请以上团干部扫描本页二维码签署。</Text>
              )}
            </View>
          ) : null}
          {progress && progress.cadresPending.length === 0 && progress.total > 0 ? (
            <Text id="session-cadres-done" className="card session-cadres-done">
              团干部已全部签署，团员可以扫码签署。
            </Text>
          ) : null}

          {closed ? (
            <View id="session-closed" className="card session-card">
              <Text className="session-closed-title">签名已结束</Text>
              <Text className="form-note">二维码已失效。如需继续签名，可以重新开启（将生成新的二维码）。</Text>
              <View className="form-actions">
                <Button id="session-reopen" type="primary" block onClick={() => void opened.reload()}>
                  重新开启签名
                </Button>
              </View>
            </View>
          ) : (
            <View className="card session-card">
              <Text className="session-tip">请团员用微信扫一扫签署承诺</Text>
              <View className="session-qr-box">
                <Image id="session-qr" className="session-qr" mode="scaleToFill" src={session.qr.url} />
              </View>
              <View className="session-auto-row">
                <View className="session-auto-main">
                  <Text className="session-auto-title">自动更换</Text>
                  <Text id="session-auto-note" className="session-auto-note">
                    {session.auto
                      ? `每 ${ROTATE_EVERY_MS / 1000} 秒换一个新码，截图或转发的二维码约 2 分钟内失效`
                      : '开启后二维码每分钟更换，防止截图转发代签'}
                  </Text>
                </View>
                <Switch
                  id="session-auto"
                  checked={session.auto}
                  disabled={busy}
                  color="#c8161d"
                  onChange={(e) => void setAuto(e.detail.value)}
                />
              </View>
              <Text id="session-issued" className="session-issued">
                本码生成于 {formatTime(session.issuedAt, { seconds: true })}
              </Text>
              {link ? (
                <View className="session-link-box">
                  <Text className="session-link-label">电脑端可打开签名链接：</Text>
                  <Text id="session-link" className="session-link" userSelect>
                    {link}
                  </Text>
                  <Text id="session-copy-link" className="link" onClick={() => void Taro.setClipboardData({ data: link })}>
                    复制链接
                  </Text>
                </View>
              ) : null}
              <View className="session-actions">
                <Button id="session-rotate" size="small" type="default" disabled={busy} onClick={() => void rotate()}>
                  更换二维码
                </Button>
                <Button id="session-close" size="small" type="default" disabled={busy} onClick={() => void close()}>
                  结束签名
                </Button>
              </View>
            </View>
          )}

          <View className="card">
            <View className="card-title-row">
              <Text className="card-title">签署进度</Text>
              <Text id="session-refresh" className="link" onClick={() => void refreshProgress()}>
                刷新
              </Text>
            </View>
            <Text id="session-progress" className="session-progress">
              {progress ? `已签 ${progress.signed} / ${progress.total} 人` : sheet.error ? '进度暂时无法获取，请点刷新' : '正在统计…'}
            </Text>
            <View className="session-track">
              <View id="session-progress-bar" className="session-bar" style={{ width: `${pct}%` }} />
            </View>
            <View className="form-actions">
              <Button id="session-sheet" type="primary" block onClick={() => void Taro.navigateTo({ url: routes.sheet(target) })}>
                查看集体承诺书
              </Button>
            </View>
          </View>
        </View>
      ) : null}
    </PageFrame>
  );
}

export default function SessionPage() {
  return (
    <ErrorBoundary>
      <View id="session-page" className="sign">
        <Session />
      </View>
    </ErrorBoundary>
  );
}
