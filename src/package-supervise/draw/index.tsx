/**
 * 随机抽查 (an inspector over an org's scope), in two steps the meeting can watch:
 *  1. 冻结名单: pick the population (团支部 or 团员 of the scope), the sample size and a name; the server freezes the
 *     candidate list and shows its SHA-256, to be read out or posted BEFORE anyone rolls the dice;
 *  2. 抽取: enter the public seed (the dice rolled at the meeting), once; the sample appears with its ranks.
 * The public verification page re-checks it (抽查验证). Below, the scope's earlier spot checks.
 * Query: ?orgId=&drawId= (continue a frozen one).
 * Stable ids: #draw-page, #draw-population-<p>, #draw-size, #draw-title, #draw-create, #draw-hash, #draw-seed,
 *   #draw-submit, #draw-error, #draw-sample, #draw-verify, #draw-inspect, #draw-list, .draw-item
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { MAX_SAMPLE, POPULATIONS, POPULATION_NAMES, SUPERVISE_FIELDS as F, type DrawView, type Population } from '@contract/supervise';
import ErrorBoundary from '@/components/ErrorBoundary';
import NotAllowed, { NotBound } from '@/components/NotAllowed';
import PageFrame from '@/components/PageFrame';
import { Field, FormSubmit, TextField } from '@/components/Form';
import { useAccess } from '@/hooks/useAccess';
import { useAction } from '@/hooks/useAction';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { routes } from '@/routes';
import { CloudError, call } from '@/services/cloud';
import { formatTime } from '@/utils/date';
import '../supervise.scss';

const go = (url: string) => void Taro.navigateTo({ url });

function CreateForm({ orgId, onCreated }: { orgId: string; onCreated: (d: DrawView) => void }) {
  const [population, setPopulation] = useState<Population>('members');
  const [size, setSize] = useState('5');
  const [title, setTitle] = useState('');
  const { busy, error, setError, run } = useAction();
  const submit = () => {
    const n = Number(size);
    if (!Number.isInteger(n) || n < 1 || n > MAX_SAMPLE) {
      return setError(new CloudError('INVALID_ARGUMENT', `样本数量：请填写 1–${MAX_SAMPLE} 的整数`, { field: 'size' }));
    }
    if (!title.trim()) return setError(new CloudError('INVALID_ARGUMENT', `请填写${F.drawTitle.label}`, { field: 'title' }));
    void run(async () => onCreated(await call('supervise', 'createDraw', { scopeOrgId: orgId, population, size: n, title: title.trim() })));
  };
  return (
    <View className="card">
      <Field label="抽查对象">
        <View className="tag-row">
          {POPULATIONS.map((p) => (
            <Text
              key={p}
              id={`draw-population-${p}`}
              className={`tag${population === p ? ' tag-on' : ''}`}
              onClick={() => setPopulation(p)}
            >
              范围内全部{POPULATION_NAMES[p]}
            </Text>
          ))}
        </View>
      </Field>
      <TextField id="draw-size" label="样本数量" type="number" value={size} maxlength={3} onChange={setSize} />
      <TextField
        id="draw-title"
        label={F.drawTitle.label}
        value={title}
        limit={F.drawTitle}
        placeholder="如：第一轮承诺践诺抽查"
        onChange={setTitle}
      />
      <FormSubmit
        id="draw-create"
        errorId="draw-error"
        error={error}
        busy={busy}
        onClick={submit}
        note="冻结后名单和校验值不能再改；请先公布校验值，再在会上掷骰子取得随机种子。"
      >
        冻结候选名单
      </FormSubmit>
    </View>
  );
}

function SeedForm({ draw, onDrawn }: { draw: DrawView; onDrawn: (d: DrawView) => void }) {
  const [seed, setSeed] = useState('');
  const { busy, error, setError, run } = useAction();
  const submit = () => {
    if (!seed.trim()) return setError(new CloudError('INVALID_ARGUMENT', `请填写${F.seed.label}`, { field: 'seed' }));
    void run(async () => onDrawn(await call('supervise', 'draw', { drawId: draw.id, seed: seed.trim() })));
  };
  return (
    <View className="card">
      <TextField
        id="draw-seed"
        label={F.seed.label}
        value={seed}
        limit={F.seed}
        placeholder="如会上掷出的骰子：3 5 1 6 2 4"
        onChange={setSeed}
      />
      <FormSubmit
        id="draw-submit"
        errorId="draw-error"
        error={error}
        busy={busy}
        onClick={submit}
        note="每次抽查只能抽取一次，抽取后不能重抽。种子只能包含数字、字母、空格和 - , ."
      >
        抽取样本
      </FormSubmit>
    </View>
  );
}

function DrawPanel({ draw, onDrawn }: { draw: DrawView; onDrawn: (d: DrawView) => void }) {
  return (
    <View>
      <View className="card">
        <Text className="sv-name">{draw.title}</Text>
        <Text className="sv-label">
          {draw.scopeName} · {POPULATION_NAMES[draw.population]} {draw.count} 个 · 抽取 {draw.size} 个 · 冻结于 {formatTime(draw.frozenAt)}
        </Text>
        <Text className="form-note">候选名单校验值（SHA-256），抽取前请公布：</Text>
        <Text id="draw-hash" className="sv-hash" userSelect>
          {draw.listHash}
        </Text>
      </View>
      {draw.status === 'frozen' ? (
        <SeedForm draw={draw} onDrawn={onDrawn} />
      ) : (
        <View id="draw-sample" className="card">
          <Text className="sv-label">随机种子：{draw.seed}</Text>
          {draw.sample.map((s, i) => (
            <View key={s.id} className="sv-sample-row">
              <Text className="sv-rank">{i + 1}</Text>
              <Text>{s.label}</Text>
            </View>
          ))}
        </View>
      )}
      <View className="card sv-links">
        <Text id="draw-verify" onClick={() => go(routes.verifyDraw(draw.id))}>
          公开验证页 ›
        </Text>
        {draw.status === 'drawn' && draw.population === 'orgs' && draw.sample[0] ? (
          <Text id="draw-inspect" onClick={() => go(routes.inspect(draw.sample[0].id, draw.id))}>
            记录第 1 个的检查 ›
          </Text>
        ) : null}
      </View>
    </View>
  );
}

function Drawing({ orgId }: { orgId: string }) {
  const drawId = useParam('drawId');
  const [current, setCurrent] = useState<DrawView | null>(null);
  const opened = useCloud(() => (drawId ? call('supervise', 'verifyDraw', { drawId }) : Promise.resolve(null)), [drawId]);
  const list = useCloud(() => call('supervise', 'draws', { orgId }), [orgId, current?.id, current?.status]);
  const shown = current ?? opened.data;
  return (
    <View>
      {drawId && !current ? (
        <PageFrame loading={opened.loading && !opened.data} error={opened.error} onRetry={() => void opened.reload()} />
      ) : null}
      {shown ? <DrawPanel draw={shown} onDrawn={setCurrent} /> : <CreateForm orgId={orgId} onCreated={setCurrent} />}
      <View id="draw-list">
        <Text className="section-title">本范围的抽查</Text>
        <PageFrame
          loading={list.loading && !list.data}
          error={list.error}
          onRetry={() => void list.reload()}
          empty={!!list.data && list.data.length === 0}
          emptyIcon="抽"
          emptyTitle="还没有随机抽查"
          emptyHint="冻结的名单和抽取结果会显示在这里，任何人都可以验证。"
        >
          {(list.data ?? []).map((d) => (
            <View key={d.id} className="card draw-item" onClick={() => go(routes.verifyDraw(d.id))}>
              <Text className="sv-name">{d.title}</Text>
              <Text className="sv-label">
                {POPULATION_NAMES[d.population]} {d.count} 个抽 {d.size} 个 · {d.status === 'drawn' ? '已抽取' : '待抽取'} ·{' '}
                {formatTime(d.frozenAt)} ›
              </Text>
            </View>
          ))}
        </PageFrame>
      </View>
    </View>
  );
}

function Gate() {
  const orgId = useParam('orgId');
  const access = useAccess(orgId);
  if (access.unbound) return <NotBound hint="绑定后，领导小组成员和团总支书记可以在这里发起随机抽查。" />;
  if (access.loading || access.error)
    return <PageFrame loading={access.loading} error={access.error} onRetry={() => void access.reload()} />;
  if (!access.can('supervise.createDraw')) {
    return (
      <NotAllowed
        title="随机抽查由上级组织发起"
        hint="随机抽查由领导小组成员、团总支书记和校团委发起；抽取结果任何人都可以在验证页复核。"
        onward={{ text: '返回首页', url: routes.home(), tab: true }}
      />
    );
  }
  return (
    <View>
      <Text className="sv-intro">抽查范围：{access.detail?.org.name ?? ''}</Text>
      <Drawing orgId={orgId} />
    </View>
  );
}

export default function DrawPage() {
  return (
    <ErrorBoundary>
      <View id="draw-page" className="supervise">
        <Gate />
      </View>
    </ErrorBoundary>
  );
}
