/**
 * 发起表彰 (the committee): the title, the round whose records are the evidence, quotas of the two awards at
 * each level, and the timeline (推荐 → 团总支审核 → 校团委审定, 公示天数), prefilled from the campaign's 评比表彰 stage.
 * 添加奖项 adds a further award (its name and whether it goes to members or branches).
 * Stable ids: #open-page, #open-title, #open-add-award, #open-award-name-<i>, #open-quota-<award>-<level>, #open-<window>-start/-end, #open-notice-days,
 *   #open-submit, #open-error
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Picker, Text, View } from '@tarojs/components';
import {
  COMMEND_FIELDS,
  DEFAULT_AWARDS,
  MAX_AWARDS,
  WINDOW_NAMES,
  type AwardDef,
  type CommendTimeline,
  type Quota,
} from '@contract/commend';
import type { Timeline } from '@contract/campaign';
import { addDays } from '@contract/time';
import ErrorBoundary from '@/components/ErrorBoundary';
import { Field, FormSubmit, TextField } from '@/components/Form';
import NotAllowed from '@/components/NotAllowed';
import PageFrame from '@/components/PageFrame';
import { Button } from '@/components/nut';
import { useAction } from '@/hooks/useAction';
import { rolesFor } from '@/hooks/useAccess';
import { useCloud } from '@/hooks/useCloud';
import { routes } from '@/routes';
import { call } from '@/services/cloud';
import '../commend.scss';

const QUOTA_NAMES: Record<keyof Quota, string> = { perBranch: '每支部推荐', perGeneral: '每团总支上报', total: '校团委审定' };
const WINDOWS = ['nominate', 'forward', 'approve'] as const;

function defaults(t: Timeline): { awards: AwardDef[]; timeline: CommendTimeline } {
  const stage = t.campaign.stages.find((s) => s.key === 'commend');
  const s = stage && stage.start > t.today ? stage.start : t.today;
  return {
    awards: DEFAULT_AWARDS.map((a) => ({
      ...a,
      quota: a.subject === 'org' ? { perBranch: 0, perGeneral: 1, total: 5 } : { perBranch: 2, perGeneral: 5, total: 20 },
    })),
    timeline: {
      nominate: { start: s, end: addDays(s, 4) },
      forward: { start: addDays(s, 5), end: addDays(s, 8) },
      approve: { start: addDays(s, 9), end: addDays(s, 12) },
      noticeDays: 5,
    },
  };
}

function OpenForm({ t, orgId }: { t: Timeline; orgId: string }) {
  const [title, setTitle] = useState(`${t.campaign.title}评比表彰`.slice(0, COMMEND_FIELDS.commendTitle.max));
  const [form, setForm] = useState(() => defaults(t));
  const roundKey = t.currentRound?.key ?? t.campaign.rounds[t.campaign.rounds.length - 1]?.key ?? '';
  const { busy, error, run } = useAction();
  const setQuota = (i: number, k: keyof Quota, v: string) =>
    setForm((f) => ({
      ...f,
      awards: f.awards.map((a, j) => (j === i ? { ...a, quota: { ...a.quota, [k]: Math.max(0, Number(v) || 0) } } : a)),
    }));
  const setAward = (i: number, change: Partial<AwardDef>) =>
    setForm((f) => ({ ...f, awards: f.awards.map((a, j) => (j === i ? { ...a, ...change } : a)) }));
  // A further award (e.g. 优秀团干部): its key is generated, its name and subject typed here.
  const addAward = () =>
    setForm((f) => ({
      ...f,
      awards: [
        ...f.awards,
        { key: `award-${f.awards.length + 1}`, name: '', subject: 'member', quota: { perBranch: 1, perGeneral: 2, total: 10 } },
      ],
    }));
  const setDay = (w: (typeof WINDOWS)[number], end: 'start' | 'end', v: string) =>
    setForm((f) => ({ ...f, timeline: { ...f.timeline, [w]: { ...f.timeline[w], [end]: v } } }));
  const submit = () =>
    void run(async () => {
      await call('commend', 'openCommendation', { orgId, title: title.trim(), roundKey, awards: form.awards, timeline: form.timeline });
      void Taro.showToast({ title: '已发起', icon: 'success' });
      void Taro.redirectTo({ url: routes.commend() });
    });
  return (
    <View>
      <View className="card">
        <TextField
          id="open-title"
          label={COMMEND_FIELDS.commendTitle.label}
          value={title}
          limit={COMMEND_FIELDS.commendTitle}
          onChange={setTitle}
        />
      </View>
      {form.awards.map((a, i) => (
        <View key={a.key} className="card">
          {i < DEFAULT_AWARDS.length ? (
            <Text className="org-pledge-name">
              {a.name}（{a.subject === 'org' ? '授予团支部' : '授予团员'}）
            </Text>
          ) : (
            <View>
              <TextField
                id={`open-award-name-${i}`}
                label={COMMEND_FIELDS.awardName.label}
                value={a.name}
                limit={COMMEND_FIELDS.awardName}
                onChange={(name) => setAward(i, { name })}
              />
              <View className="tag-row">
                {(['member', 'org'] as const).map((subject) => (
                  <Text key={subject} className={`tag${a.subject === subject ? ' tag-on' : ''}`} onClick={() => setAward(i, { subject })}>
                    {subject === 'org' ? '授予团支部' : '授予团员'}
                  </Text>
                ))}
              </View>
            </View>
          )}
          {(Object.keys(QUOTA_NAMES) as (keyof Quota)[])
            .filter((k) => a.subject === 'member' || k !== 'perBranch')
            .map((k) => (
              <Field key={k} label={`${QUOTA_NAMES[k]}名额`}>
                <Input
                  id={`open-quota-${a.key}-${k}`}
                  className="field-input"
                  type="number"
                  value={String(a.quota[k])}
                  onInput={(e) => setQuota(i, k, e.detail.value)}
                />
              </Field>
            ))}
        </View>
      ))}
      {form.awards.length < MAX_AWARDS ? (
        <View className="fulfil-actions">
          <Button id="open-add-award" type="default" size="small" onClick={addAward}>
            + 添加奖项
          </Button>
        </View>
      ) : null}
      <View className="card">
        {WINDOWS.map((w) => (
          <Field key={w} label={WINDOW_NAMES[w]}>
            <View className="commend-row">
              {(['start', 'end'] as const).map((end) => (
                <Picker key={end} mode="date" value={form.timeline[w][end]} onChange={(e) => setDay(w, end, String(e.detail.value))}>
                  <View id={`open-${w}-${end}`} className="field-input">
                    <Text>{form.timeline[w][end]}</Text>
                  </View>
                </Picker>
              ))}
            </View>
          </Field>
        ))}
        <Field label="公示天数">
          <Input
            id="open-notice-days"
            className="field-input"
            type="number"
            value={String(form.timeline.noticeDays)}
            onInput={(e) => setForm((f) => ({ ...f, timeline: { ...f.timeline, noticeDays: Math.max(1, Number(e.detail.value) || 1) } }))}
          />
        </Field>
        <FormSubmit
          id="open-submit"
          errorId="open-error"
          error={error}
          busy={busy}
          onClick={submit}
          note="推荐、审核和审定只能在各自时间内办理，以服务器时间为准。"
        >
          发起表彰
        </FormSubmit>
      </View>
    </View>
  );
}

function Open() {
  const { loading, data, error, reload } = useCloud(async () => {
    const [me, t] = await Promise.all([call('system', 'whoami', {}), call('campaign', 'timeline', {})]);
    return { me, t };
  });
  const admin = data?.me.roles.find((r) => r.role === 'admin');
  if (data && (!admin || rolesFor(data.me, 'commend.openCommendation').length === 0)) {
    return (
      <NotAllowed
        title="表彰由校团委发起"
        hint="校团委发起评比表彰后，各级团组织按时间推荐和审核。"
        onward={{ text: '查看评比表彰', url: routes.commend() }}
      />
    );
  }
  return (
    <PageFrame loading={loading && !data} error={error} onRetry={() => void reload()}>
      {data && admin ? <OpenForm t={data.t} orgId={admin.orgId} /> : null}
    </PageFrame>
  );
}

export default function OpenPage() {
  return (
    <ErrorBoundary>
      <View id="open-page" className="fulfil">
        <Open />
      </View>
    </ErrorBoundary>
  );
}
