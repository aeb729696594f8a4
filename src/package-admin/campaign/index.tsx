/**
 * 活动设置 (admin): the active campaign's title, phases, pledge rounds (theme, start, deadline), the
 * five stage windows and the pledge rules (member / cadre: items per lead, minimum length), saved with
 * campaign.saveCampaign. Changing the mobilisation start moves the pledge stage's end to 14 days later.
 * Problems (checked here with timelineProblems, and the server's refusal with error.field) show next to
 * the field they concern.
 * Stable ids/classes for e2e:
 *   #campaign-page, #campaign-title (input)
 *   #phase-<i>-name, #phase-<i>-start, #phase-<i>-end
 *   #round-<i>-theme, #round-<i>-start, #round-<i>-deadline
 *   #stage-<key>-start, #stage-<key>-end (date pickers; the shown value is inside)
 *   #rules-member-items, #rules-member-length, #rules-cadre-items, #rules-cadre-length
 *   .field-problem (data-field=<field path>), #campaign-error (problems without a field), #campaign-save
 */
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Picker, Text, View } from '@tarojs/components';
import { defaultPledgeStage, timelineProblems, type CampaignInput, type TimelineProblem } from '@contract/campaign';
import { FIELDS, RULE_LIMITS } from '@contract/fields';
import { STAGE_NAMES } from '@contract/models';
import ErrorBoundary from '@/components/ErrorBoundary';
import NotAllowed, { NotBound } from '@/components/NotAllowed';
import PageFrame from '@/components/PageFrame';
import { LimitHint } from '@/components/Form';
import { Button } from '@/components/nut';
import { useAccess } from '@/hooks/useAccess';
import { useAction } from '@/hooks/useAction';
import { useCloud } from '@/hooks/useCloud';
import { routes } from '@/routes';
import { call } from '@/services/cloud';
import { toastOk } from '@/utils/feedback';
import '../admin.scss';
import './index.scss';

function DateField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  return (
    <Picker mode="date" value={value} onChange={(e) => onChange(String(e.detail.value))}>
      <View id={id} className="campaign-date">
        <Text className="campaign-date-label">{label}</Text>
        <Text className="campaign-date-value">{value || '请选择'}</Text>
      </View>
    </Picker>
  );
}

/** The problems of a field and the fields inside it; `exact` for a section's own (its items show theirs). */
function Problem({ problems, field, exact = false }: { problems: TimelineProblem[]; field: string; exact?: boolean }) {
  const hits = problems.filter((p) => p.field === field || (!exact && p.field.startsWith(`${field}.`)));
  if (hits.length === 0) return null;
  return (
    <View>
      {hits.map((p) => (
        <Text key={`${p.field}-${p.reason}`} className="field-problem" data-field={p.field}>
          {p.reason}
        </Text>
      ))}
    </View>
  );
}

/** A whole number within the rule's bounds: digits only (no minus sign), as many as its maximum has. */
function NumberInput({
  id,
  value,
  bounds,
  onChange,
}: {
  id: string;
  value: number;
  bounds: { max: number };
  onChange: (n: number) => void;
}) {
  return (
    <Input
      id={id}
      className="field-input campaign-number"
      type="number"
      maxlength={String(bounds.max).length}
      value={String(value)}
      onInput={(e) => onChange(Number(e.detail.value.replace(/\D/g, '')) || 0)}
    />
  );
}

function Editor({ initial }: { initial: CampaignInput }) {
  const [c, setC] = useState<CampaignInput>(initial);
  const [problems, setProblems] = useState<TimelineProblem[]>([]);
  // The server's refusal shows next to the field it names, like a problem found here.
  // Its field is the payload's path (campaign.rules.cadre): placed like the page's own, the path never shown.
  const { busy, run } = useAction({
    onError: (e) => setProblems([{ field: (e.field ?? '').replace(/^campaign\.?/, ''), reason: e.message }]),
  });

  const update = (f: (draft: CampaignInput) => CampaignInput) => setC((prev) => f(prev));

  const save = () => {
    if (busy) return;
    const local = timelineProblems(c);
    if (!c.title.trim()) local.unshift({ field: 'title', reason: '请填写活动名称' });
    setProblems(local);
    if (local.length > 0) {
      void Taro.showToast({ title: '请先修改标红的内容', icon: 'none' });
      return;
    }
    void run(async () => {
      await call('campaign', 'saveCampaign', { campaign: { ...c, title: c.title.trim() } });
      toastOk('已保存');
    });
  };

  const unplaced = problems.filter((p) => !p.field);

  return (
    <View>
      <View className="card">
        <Text className="card-title">活动名称</Text>
        <Input
          id="campaign-title"
          className="field-input campaign-title"
          value={c.title}
          maxlength={FIELDS.campaignTitle.max}
          onInput={(e) => update((d) => ({ ...d, title: e.detail.value }))}
        />
        <LimitHint id="campaign-title-hint" value={c.title} limit={FIELDS.campaignTitle} />
        <Problem problems={problems} field="title" />
      </View>

      <View className="card">
        <Text className="card-title">活动阶段（五个环节）</Text>
        {c.stages.map((s, i) => (
          <View key={s.key} className="campaign-block">
            <Text className="campaign-block-title">{STAGE_NAMES[s.key]}</Text>
            <View className="campaign-dates">
              <DateField
                id={`stage-${s.key}-start`}
                label="开始"
                value={s.start}
                onChange={(v) =>
                  update((d) => {
                    const stages = d.stages.map((x, j) => (j === i ? { ...x, start: v } : x));
                    if (s.key === 'mobilize') {
                      const pledge = stages.findIndex((x) => x.key === 'pledge');
                      if (pledge >= 0) stages[pledge] = { ...stages[pledge], end: defaultPledgeStage(v).end };
                    }
                    return { ...d, stages };
                  })
                }
              />
              <DateField
                id={`stage-${s.key}-end`}
                label="结束"
                value={s.end}
                onChange={(v) => update((d) => ({ ...d, stages: d.stages.map((x, j) => (j === i ? { ...x, end: v } : x)) }))}
              />
            </View>
            {s.key === 'pledge' ? <Text className="form-note">默认在动员部署开始后 14 天内完成公开承诺。</Text> : null}
            <Problem problems={problems} field={`stages.${i}`} />
          </View>
        ))}
        <Problem problems={problems} field="stages" exact />
      </View>

      <View className="card">
        <Text className="card-title">活动时期</Text>
        {c.phases.map((p, i) => (
          <View key={p.key} className="campaign-block">
            <Input
              id={`phase-${i}-name`}
              className="field-input"
              value={p.name}
              maxlength={FIELDS.phaseName.max}
              onInput={(e) => update((d) => ({ ...d, phases: d.phases.map((x, j) => (j === i ? { ...x, name: e.detail.value } : x)) }))}
            />
            <LimitHint id={`phase-${i}-name-hint`} value={p.name} limit={FIELDS.phaseName} />
            <View className="campaign-dates">
              <DateField
                id={`phase-${i}-start`}
                label="开始"
                value={p.start}
                onChange={(v) => update((d) => ({ ...d, phases: d.phases.map((x, j) => (j === i ? { ...x, start: v } : x)) }))}
              />
              <DateField
                id={`phase-${i}-end`}
                label="结束"
                value={p.end}
                onChange={(v) => update((d) => ({ ...d, phases: d.phases.map((x, j) => (j === i ? { ...x, end: v } : x)) }))}
              />
            </View>
            <Problem problems={problems} field={`phases.${i}`} />
          </View>
        ))}
        <Problem problems={problems} field="phases" exact />
      </View>

      <View className="card">
        <Text className="card-title">承诺轮次</Text>
        {c.rounds.map((r, i) => (
          <View key={r.key} className="campaign-block">
            <Text className="campaign-block-title">第 {i + 1} 轮 · 主题</Text>
            <Input
              id={`round-${i}-theme`}
              className="field-input"
              value={r.theme}
              maxlength={FIELDS.roundTheme.max}
              onInput={(e) => update((d) => ({ ...d, rounds: d.rounds.map((x, j) => (j === i ? { ...x, theme: e.detail.value } : x)) }))}
            />
            <LimitHint id={`round-${i}-theme-hint`} value={r.theme} limit={FIELDS.roundTheme} />
            <View className="campaign-dates">
              <DateField
                id={`round-${i}-start`}
                label="开始"
                value={r.start}
                onChange={(v) => update((d) => ({ ...d, rounds: d.rounds.map((x, j) => (j === i ? { ...x, start: v } : x)) }))}
              />
              <DateField
                id={`round-${i}-deadline`}
                label="截止"
                value={r.deadline}
                onChange={(v) => update((d) => ({ ...d, rounds: d.rounds.map((x, j) => (j === i ? { ...x, deadline: v } : x)) }))}
              />
            </View>
            <Problem problems={problems} field={`rounds.${i}`} />
          </View>
        ))}
        <Problem problems={problems} field="rounds" exact />
      </View>

      <View className="card">
        <Text className="card-title">“四带头”承诺标准</Text>
        {(['member', 'cadre'] as const).map((who) => (
          <View key={who} className="campaign-block">
            <Text className="campaign-block-title">{who === 'member' ? '普通团员' : '团干部（标准更高）'}</Text>
            <View className="campaign-rule-row">
              <Text className="campaign-rule-label">每项承诺条数</Text>
              <NumberInput
                id={`rules-${who}-items`}
                value={c.rules[who].itemsPerLead}
                bounds={RULE_LIMITS.itemsPerLead}
                onChange={(n) => update((d) => ({ ...d, rules: { ...d.rules, [who]: { ...d.rules[who], itemsPerLead: n } } }))}
              />
            </View>
            <View className="campaign-rule-row">
              <Text className="campaign-rule-label">每条最少字数</Text>
              <NumberInput
                id={`rules-${who}-length`}
                value={c.rules[who].minLength}
                bounds={RULE_LIMITS.minLength}
                onChange={(n) => update((d) => ({ ...d, rules: { ...d.rules, [who]: { ...d.rules[who], minLength: n } } }))}
              />
            </View>
            <Problem problems={problems} field={`rules.${who}`} />
          </View>
        ))}
        <Text className="form-note">
          每项承诺条数 {RULE_LIMITS.itemsPerLead.min}–{RULE_LIMITS.itemsPerLead.max} 条，每条最少字数 {RULE_LIMITS.minLength.min}–
          {RULE_LIMITS.minLength.max} 字（只计汉字、字母和数字）；团干部的标准不能低于普通团员。
        </Text>
        <Problem problems={problems} field="rules" exact />
      </View>

      {unplaced.length > 0 ? (
        <Text id="campaign-error" className="form-error campaign-error">
          {unplaced.map((p) => p.reason).join('；')}
        </Text>
      ) : null}
      <View className="campaign-actions">
        <Button id="campaign-save" type="primary" block loading={busy} disabled={busy} onClick={save}>
          保存设置
        </Button>
      </View>
    </View>
  );
}

function CampaignSettings() {
  const { loading, data, error, reload } = useCloud(() => call('campaign', 'timeline', {}));
  const [initial, setInitial] = useState<CampaignInput | null>(null);
  useEffect(() => {
    if (data) {
      const { id: _id, ...rest } = data.campaign;
      setInitial(rest);
    }
  }, [data]);
  return (
    <PageFrame loading={loading && !initial} error={error} onRetry={() => void reload()}>
      {initial ? <Editor initial={initial} /> : null}
    </PageFrame>
  );
}

/** The settings are the committee admin's (campaign.saveCampaign): others learn where the schedule shows. */
function Gate() {
  const access = useAccess();
  if (access.unbound) return <NotBound hint="绑定后可以在首页查看活动阶段和承诺轮次的安排。" />;
  if (access.loading || access.error) {
    return <PageFrame loading={access.loading} error={access.error} onRetry={() => void access.reload()} />;
  }
  if (!access.can('campaign.saveCampaign')) {
    return (
      <NotAllowed
        title="活动设置由校团委管理员维护"
        hint="活动阶段、承诺轮次和承诺标准由校团委管理员统一设置；各阶段的时间安排可以在首页查看。"
        onward={{ text: '查看活动安排', url: routes.home(), tab: true }}
      />
    );
  }
  return <CampaignSettings />;
}

export default function CampaignPage() {
  return (
    <ErrorBoundary>
      <View id="campaign-page" className="admin-page">
        <Gate />
      </View>
    </ErrorBoundary>
  );
}
