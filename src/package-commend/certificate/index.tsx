/**
 * 荣誉证书: the award as a certificate with its verification code and 小程序码 (which opens the public
 * verification page). H5: a printable page (打印 / 另存为 PDF); weapp: 保存到相册 draws it as an image.
 * Query: ?awardId=
 * Stable ids: #certificate-page, #certificate, #certificate-award, #certificate-code, #certificate-qr,
 *   #certificate-print, #certificate-save, #certificate-story (secretaries and the committee: 发布先进典型 from this award)
 */
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import ErrorBoundary from '@/components/ErrorBoundary';
import PageFrame from '@/components/PageFrame';
import PrivacySheet from '@/components/PrivacySheet';
import { Button } from '@/components/nut';
import { rolesFor } from '@/hooks/useAccess';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { routes } from '@/routes';
import { call, toCloudError } from '@/services/cloud';
import { formatDay } from '@/utils/date';
import { toastOk, withLoading } from '@/utils/feedback';
import { printReport } from '../../package-fulfil/components/print';
import { certificateLines, saveCertificateImage } from './save';
import '../commend.scss';

function Certificate() {
  const awardId = useParam('awardId');
  const { loading, data, error, reload } = useCloud(async () => {
    const [cert, me] = await Promise.all([call('commend', 'certificate', { awardId }), call('system', 'whoami', {})]);
    // A secretary or the committee may tell this winner's story (先进典型) in the name of their org.
    const author = rolesFor(me, 'commend.publishStory').length
      ? me.roles.find((r) => r.role !== 'member' && r.role !== 'leader')
      : undefined;
    return { ...cert, storyOrg: author?.orgId ?? null };
  }, [awardId]);
  // As the pledge sheet's export: a failure here is WeChat's (album permission, privacy consent), told as such.
  const save = async () => {
    if (!data) return;
    try {
      await withLoading('正在生成证书图片', () => saveCertificateImage(data));
      toastOk('已保存到相册');
    } catch (err) {
      const e = toCloudError(err);
      void Taro.showToast({ title: e.code === 'INTERNAL' ? '保存失败，请检查相册权限' : e.message, icon: 'none' });
    }
  };
  return (
    <PageFrame loading={loading && !data} error={error} onRetry={() => void reload()}>
      {data ? (
        <View>
          <View id="certificate" className="certificate">
            <Text className="certificate-title">荣誉证书</Text>
            {certificateLines(data).map((line) => (
              <Text key={line} className="certificate-text">
                {line}
              </Text>
            ))}
            <Text id="certificate-award" className="certificate-award">
              “{data.awardName}”
            </Text>
            <Text className="certificate-text">特发此证，以资鼓励。</Text>
            <Text className="certificate-issuer">{data.issuer}</Text>
            <Text className="certificate-issuer">{formatDay(data.issuedOn, 0)}</Text>
            <Image id="certificate-qr" className="certificate-qr" src={data.qrUrl} mode="aspectFit" />
            <Text id="certificate-code" className="certificate-code">
              验证码 {data.code}
            </Text>
            <Text className="certificate-code">微信扫码或输入验证码核验真伪</Text>
          </View>
          <View className="fulfil-actions commend-no-print">
            {data.storyOrg ? (
              <Button
                id="certificate-story"
                type="default"
                block
                onClick={() => void Taro.navigateTo({ url: routes.storyPost(data.storyOrg ?? '', { awardId: data.id }) })}
              >
                发布先进典型
              </Button>
            ) : null}
            {IS_H5 ? (
              <Button id="certificate-print" type="primary" block onClick={printReport}>
                打印 / 另存为 PDF
              </Button>
            ) : (
              <Button id="certificate-save" type="primary" block onClick={() => void save()}>
                保存到相册
              </Button>
            )}
          </View>
        </View>
      ) : null}
    </PageFrame>
  );
}

export default function CertificatePage() {
  return (
    <ErrorBoundary>
      <View id="certificate-page" className="fulfil">
        <PrivacySheet />
        <Certificate />
      </View>
    </ErrorBoundary>
  );
}
