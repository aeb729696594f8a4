/**
 * 集体承诺书: who has signed the branch's “四带头” pledge for the round and who has not (pledge.sheet).
 * Pledges are public within the org (接受监督): the branch's members read it, as do its secretaries up the
 * tree, the leaders who follow it and the admin (the action's access list). Also 复制未签名名单 and the
 * collective sheet — each signer's commitments and signature, cadres first. Export: H5 → window.print() (A4 print stylesheet, so
 * 打印/另存为 PDF works); weapp → an image of the sheet (text only) saved to the photo album.
 * Query: ?branchId=&roundKey= (either may be omitted: the secretary's branch / the current round).
 * Stable ids/classes for e2e:
 *   #sheet-page, #sheet-title, #sheet-theme, #sheet-count (“signed / total”)
 *   #sheet-unsigned / .sheet-unsigned-name (one per unsigned member), #sheet-all-signed,
 *   #sheet-copy-unsigned (复制未签名名单)
 *   #sheet-table; .sheet-row (id sheet-row-<memberId>; .sheet-row-cadre for cadres), .sheet-row-name,
 *     .sheet-row-item, .sheet-signature-image (img) / .sheet-signature-name, .sheet-row-time
 *   #sheet-export (导出 / 打印)
 */
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { FOUR_LEADS, FOUR_LEAD_NAMES } from '@contract/models';
import type { SheetRow } from '@contract/pledge';
import ErrorBoundary from '@/components/ErrorBoundary';
import PageFrame from '@/components/PageFrame';
import PrivacySheet from '@/components/PrivacySheet';
import { Button } from '@/components/nut';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { call, toCloudError } from '@/services/cloud';
import { formatTime } from '@/utils/date';
import { toastOk, withLoading } from '@/utils/feedback';
import { resolveBranchRound } from '../components/context';
import { saveSheetImage } from './export';
import '../sign/index.scss';
import './index.scss';

function Row({ row }: { row: SheetRow }) {
  return (
    <View id={`sheet-row-${row.memberId}`} className={`sheet-row${row.isCadre ? ' sheet-row-cadre' : ''}`}>
      <View className="sheet-row-head">
        <Text className="sheet-row-name">{row.name}</Text>
        {row.isCadre ? <Text className="sheet-row-post">{row.post ?? '团干部'}</Text> : null}
        <Text className="sheet-row-no">{row.studentNo}</Text>
      </View>
      {row.items
        ? FOUR_LEADS.map((lead) => (
            <View key={lead} className="sheet-row-lead">
              <Text className="sheet-row-lead-name">{FOUR_LEAD_NAMES[lead]}</Text>
              <View className="sheet-row-lead-items">
                {row.items?.[lead].map((t, i) => (
                  <Text key={i} className="sheet-row-item">
                    {t}
                  </Text>
                ))}
              </View>
            </View>
          ))
        : null}
      <View className="sheet-row-foot">
        {row.signature?.kind === 'image' ? (
          <Image className="sheet-signature-image" mode="aspectFit" src={row.signature.url} />
        ) : row.signature?.kind === 'name' ? (
          <Text className="sheet-signature-name">{row.signature.name}（姓名确认）</Text>
        ) : null}
        {row.signedAt ? <Text className="sheet-row-time">{formatTime(row.signedAt)}</Text> : null}
      </View>
    </View>
  );
}

function Sheet() {
  const branchParam = useParam('branchId');
  const roundParam = useParam('roundKey');
  const { loading, data, error, reload } = useCloud(async () => {
    const t = await resolveBranchRound(branchParam, roundParam);
    return call('pledge', 'sheet', t);
  }, [branchParam, roundParam]);

  const signed = data?.rows.filter((r) => r.signedAt) ?? [];
  const unsigned = data?.rows.filter((r) => !r.signedAt) ?? [];

  const copyUnsigned = () => {
    const names = unsigned.map((r) => r.name).join('、');
    void Taro.setClipboardData({ data: names });
  };

  const exportSheet = async () => {
    if (!data) return;
    if (IS_H5) {
      if (typeof window !== 'undefined' && typeof window.print === 'function') window.print();
      return;
    }
    try {
      await withLoading('正在生成图片', () => saveSheetImage(data));
      toastOk('已保存到相册');
    } catch (err) {
      void Taro.showToast({
        title: toCloudError(err).code === 'INTERNAL' ? '保存失败，请检查相册权限' : toCloudError(err).message,
        icon: 'none',
      });
    }
  };

  return (
    <PageFrame loading={loading && !data} error={error} onRetry={() => void reload()}>
      {data ? (
        <View>
          <View className="card sheet-summary sheet-no-print">
            <View className="card-title-row">
              <Text className="card-title">签署情况</Text>
              <Text className="link" onClick={() => void reload()}>
                刷新
              </Text>
            </View>
            <Text id="sheet-count" className="sheet-count">
              {data.signedCount} / {data.total}
            </Text>
            <Text className="form-note">已签署 / 应签署人数</Text>
            {unsigned.length > 0 ? (
              <View id="sheet-unsigned" className="sheet-unsigned">
                <Text className="sheet-unsigned-label">未签署（{unsigned.length} 人）：</Text>
                <View className="sheet-unsigned-names">
                  {unsigned.map((r) => (
                    <Text key={r.memberId} className="sheet-unsigned-name">
                      {r.name}
                    </Text>
                  ))}
                </View>
                <Button id="sheet-copy-unsigned" size="small" type="default" onClick={copyUnsigned}>
                  复制未签名名单
                </Button>
              </View>
            ) : (
              <Text id="sheet-all-signed" className="form-note">
                全体团员均已签署。
              </Text>
            )}
          </View>

          <View id="sheet-table" className="card sheet-table">
            <Text id="sheet-title" className="sheet-title">
              {data.branchName}“四带头”集体承诺书
            </Text>
            <Text id="sheet-theme" className="sheet-theme">
              主题：{data.theme}
            </Text>
            <Text className="sheet-intro">
              我们郑重承诺：带头坚定信念、带头刻苦学习、带头争创佳绩、带头弘扬新风，自觉接受组织和团员青年监督。
            </Text>
            {signed.length === 0 ? <Text className="muted sheet-empty">还没有人签署。</Text> : null}
            {signed.map((row) => (
              <Row key={row.memberId} row={row} />
            ))}
          </View>

          <View className="sheet-actions sheet-no-print">
            <Button id="sheet-export" type="primary" block onClick={() => void exportSheet()}>
              {IS_H5 ? '打印 / 另存为 PDF' : '保存为图片'}
            </Button>
          </View>
        </View>
      ) : null}
    </PageFrame>
  );
}

export default function SheetPage() {
  return (
    <ErrorBoundary>
      <View id="sheet-page" className="sign sheet">
        <Sheet />
        <PrivacySheet />
      </View>
    </ErrorBoundary>
  );
}
