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
import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { SessionView } from '@contract/pledge';
import ErrorBoundary from '@/components/ErrorBoundary';
import PageFrame from '@/components/PageFrame';
import { Button } from '@/components/nut';
import { CloudError, call, toCloudError } from '@/services/cloud';
import { isLocalMode } from '@/services/local';
import { signLink } from '@/utils/pledge';
import { resolveBranchRound } from '../components/context';
import { confirmAction, useParam } from '../components/util';
import '../sign/index.scss';
import './index.scss';

function Session() {
  const branchParam = useParam('branchId');
  const roundParam = useParam('roundKey');
  const [session, setSession] = useState<SessionView | null>(null);
  const [target, setTarget] = useState<{ branchId: string; roundKey: string } | null>(null);
  const [closed, setClosed] = useState(false);
  const [error, setError] = useState<CloudError | null>(null);
  const [loading, setLoading] = useState(true);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ signed: number; total: number } | null>(null);
  const alive = useRef(true);

  const open = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      const t = await resolveBranchRound(branchParam, roundParam);
      if (!t.branchId || !t.roundKey) throw new CloudError('NOT_FOUND', t.branchId ? '当前没有进行中的承诺轮次' : '你不是团支部书记');
      const s = await call('pledge', 'openSession', t);
      if (!alive.current) return;
      setTarget(t);
      setSession(s);
      setClosed(false);
    } catch (err) {
      if (alive.current) setError(toCloudError(err));
    } finally {
      if (alive.current) setLoading(false);
    }
  }, [branchParam, roundParam]);

  const refreshProgress = useCallback(async () => {
    if (!target) return;
    try {
      const sheet = await call('pledge', 'sheet', target);
      if (alive.current) setProgress({ signed: sheet.signedCount, total: sheet.total });
    } catch {
      // progress is a convenience; the QR stays usable
    }
  }, [target]);

  useEffect(() => {
    alive.current = true;
    void open();
    return () => {
      alive.current = false;
    };
  }, [open]);

  useEffect(() => {
    if (!target) return undefined;
    void refreshProgress();
    const timer = setInterval(() => void refreshProgress(), 15_000);
    return () => clearInterval(timer);
  }, [target, refreshProgress]);

  const rotate = async () => {
    if (!session || busy) return;
    if (!(await confirmAction('更换二维码', '更换后，旧的二维码和链接将立即失效，已签署的承诺不受影响。确定更换吗？', '更换'))) return;
    setBusy(true);
    try {
      setSession(await call('pledge', 'rotateSession', { sessionId: session.id }));
      void Taro.showToast({ title: '已更换二维码', icon: 'success' });
    } catch (err) {
      void Taro.showToast({ title: toCloudError(err).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const close = async () => {
    if (!session || busy) return;
    if (!(await confirmAction('结束签名', '结束后二维码将失效，团员无法再扫码签署。确定结束吗？', '结束'))) return;
    setBusy(true);
    try {
      await call('pledge', 'closeSession', { sessionId: session.id });
      setClosed(true);
    } catch (err) {
      void Taro.showToast({ title: toCloudError(err).message, icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const link = session && isLocalMode && typeof window !== 'undefined' ? signLink(window.location.origin, session.scene) : '';
  const pct = progress && progress.total > 0 ? Math.round((progress.signed / progress.total) * 100) : 0;

  return (
    <PageFrame loading={loading && !session} error={error} onRetry={() => void open()}>
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
                <Button id="session-reopen" type="primary" block onClick={() => void open()}>
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
              <Button
                id="session-sheet"
                type="primary"
                block
                onClick={() =>
                  void Taro.navigateTo({
                    url: `/package-pledge/sheet/index?branchId=${encodeURIComponent(target.branchId)}&roundKey=${encodeURIComponent(target.roundKey)}`,
                  })
                }
              >
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
