/**
 * 四带头签名 (secretary): pledge.openSession shows the branch's signing 小程序码 large enough to scan
 * from a phone held up to the screen; in H5 local mode also the link it encodes (for desktop users).
 * 更换二维码 (rotateSession: old codes stop working) and 结束签名 (closeSession), both confirmed.
 * Progress comes from pledge.sheet (signedCount/total), refreshed every 15 s and on 刷新.
 * Query: ?branchId=&roundKey= (either may be omitted: the secretary's branch / the current round).
 * Stable ids/classes for e2e:
 *   #session-page, #session-branch, #session-theme
 *   #session-qr (the QR <img>), #session-link (H5 only: the sign page URL), #session-copy-link
 *   #session-progress (“已签 N / M 人”), #session-progress-bar, #session-refresh
 *   #session-rotate (更换二维码), #session-close (结束签名), #session-closed (after closing), #session-reopen
 *   #session-sheet (查看集体承诺书)
 */
import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import ErrorBoundary from '@/components/ErrorBoundary';
import PageFrame from '@/components/PageFrame';
import { Button } from '@/components/nut';
import { useAction } from '@/hooks/useAction';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { routes } from '@/routes';
import { CloudError, call } from '@/services/cloud';
import { confirmAction, toastError, toastOk } from '@/utils/feedback';
import { signLink } from '@/utils/pledge';
import { resolveBranchRound } from '../components/context';
import '../sign/index.scss';
import './index.scss';

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
  // Progress comes from the sheet; a failed refresh keeps the last figures (the QR stays usable).
  const sheet = useCloud(async () => {
    if (!target) return null;
    const s = await call('pledge', 'sheet', target);
    return { signed: s.signedCount, total: s.total };
  }, [target]);
  const progress = sheet.data;
  const refreshProgress = sheet.reload;
  const { busy, run } = useAction({ onError: toastError });

  useEffect(() => {
    if (!target) return undefined;
    const timer = setInterval(() => void refreshProgress(), 15_000);
    return () => clearInterval(timer);
  }, [target, refreshProgress]);

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
              {progress ? `已签 ${progress.signed} / ${progress.total} 人` : '正在统计…'}
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
