/**
 * 抽查验证 (anyone bound): a spot check as published — the frozen candidate list (its first entries and the whole file
 * to download), its SHA-256 shown since before the draw, the seed entered at the meeting and the sample with each
 * score — and how to recompute it on one's own computer with scripts/verify-draw.mjs. Query: ?drawId=
 * Stable ids: #verify-page, #verify-hash, #verify-seed, #verify-sample, .verify-sample-row, #verify-list,
 *   #verify-download, #verify-command
 */
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { POPULATION_NAMES, type DrawView } from '@contract/supervise';
import ErrorBoundary from '@/components/ErrorBoundary';
import PageFrame from '@/components/PageFrame';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { call } from '@/services/cloud';
import { formatTime } from '@/utils/date';
import '../supervise.scss';

const verifyCommand = (d: DrawView): string => `node scripts/verify-draw.mjs list.txt "${d.seed ?? '<种子>'}" ${d.size} ${d.listHash}`;

function Published({ d }: { d: DrawView }) {
  const copy = () => void Taro.setClipboardData({ data: verifyCommand(d) });
  // The list is plain text: a new tab in the browser; on the phone its link is copied to open on a computer.
  const download = () => {
    if (IS_H5 && typeof window !== 'undefined') window.open(d.listUrl, '_blank');
    else void Taro.setClipboardData({ data: d.listUrl });
  };
  return (
    <View>
      <View className="card">
        <Text className="sv-name">{d.title}</Text>
        <Text className="sv-label">
          {d.scopeName} · {d.createdByName} 发起 · 冻结于 {formatTime(d.frozenAt)}
        </Text>
        <View className="sv-row">
          <Text className="sv-label">候选{POPULATION_NAMES[d.population]}</Text>
          <Text>{d.count} 个</Text>
        </View>
        <View className="sv-row">
          <Text className="sv-label">样本数量</Text>
          <Text>{d.size} 个</Text>
        </View>
        <Text className="form-note">① 候选名单校验值（SHA-256，抽取前公布）</Text>
        <Text id="verify-hash" className="sv-hash" userSelect>
          {d.listHash}
        </Text>
        <Text className="form-note">② 随机种子（抽取时当场录入）</Text>
        <Text id="verify-seed" className="sv-hash" userSelect>
          {d.seed ?? '尚未抽取：公布校验值后在会上掷骰子录入'}
        </Text>
        {d.drawnAt ? <Text className="form-note">抽取于 {formatTime(d.drawnAt)}，此后不能重抽。</Text> : null}
      </View>

      <Text className="section-title">③ 抽取结果（SHA-256(种子:编号) 最小的 {d.size} 个）</Text>
      <View id="verify-sample" className="card">
        {d.sample.length === 0 ? <Text className="sv-label">抽取后显示。</Text> : null}
        {d.sample.map((s, i) => (
          <View key={s.id} className="sv-sample-row verify-sample-row">
            <Text className="sv-rank">{i + 1}</Text>
            <View>
              <Text style={{ display: 'block' }}>{s.label}</Text>
              <Text className="sv-mono sv-label">
                {s.id} · {s.score.slice(0, 16)}…
              </Text>
            </View>
          </View>
        ))}
      </View>

      <Text className="section-title">候选名单（前 {d.listPreview.length} 个，按编号排序）</Text>
      <View id="verify-list" className="card">
        <View>
          {d.listPreview.map((id) => (
            <Text key={id} className="sv-mono sv-id">
              {id}
            </Text>
          ))}
        </View>
        <Text id="verify-download" className="link" style={{ display: 'block', marginTop: '16px' }} onClick={download}>
          {IS_H5 ? '下载' : '复制链接下载'}完整候选名单（{d.count} 行）›
        </Text>
      </View>

      <Text className="section-title">自行验证</Text>
      <View className="card">
        <Text className="sv-label" style={{ display: 'block' }}>
          名单为 UTF-8 文本，每行一个编号、以换行结尾，按字节升序；校验值即文件的 SHA-256。每个编号的得分为 SHA-256(种子 + “:” +
          编号)，得分最小的即为样本。下载名单保存为 list.txt 后，用 Node.js 运行项目中的脚本（无需安装依赖）：
        </Text>
        <Text id="verify-command" className="sv-hash" userSelect onClick={copy}>
          {verifyCommand(d)}
        </Text>
        <Text className="form-note">点按命令可复制。脚本会核对校验值并逐行列出样本，应与上方结果一致。</Text>
      </View>
    </View>
  );
}

function Verify() {
  const drawId = useParam('drawId');
  const { loading, data, error, reload } = useCloud(() => call('supervise', 'verifyDraw', { drawId }), [drawId]);
  return (
    <PageFrame loading={loading && !data} error={error} onRetry={() => void reload()}>
      {data ? <Published d={data} /> : null}
    </PageFrame>
  );
}

export default function VerifyPage() {
  return (
    <ErrorBoundary>
      <View id="verify-page" className="supervise">
        <Verify />
      </View>
    </ErrorBoundary>
  );
}
