/**
 * 发起群众评议 / 修改评议 (the committee's admin, a general secretary): title, the target orgs (the organiser's child
 * orgs), the form (满意度 or 四好 scores), who votes, the window. Editable until it opens.
 * Query: ?organiserId= (create) or ?id= (edit). Stable ids for e2e: #edit-page, #edit-title, .edit-target
 * (id edit-target-<orgId>), #edit-form-<form>, #edit-electorate-<electorate>, #edit-start, #edit-end, #edit-submit, #edit-error.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import {
  ELECTORATE_NAMES,
  ELECTORATES,
  FORM_NAMES,
  FORMS,
  type Electorate,
  type EvaluationForm,
  type EvaluationInput,
  type EvaluationView,
} from '@contract/evaluate';
import { FIELDS } from '@contract/fields';
import type { OrgDetail } from '@contract/org';
import ErrorBoundary from '@/components/ErrorBoundary';
import { Field, FormSubmit, TextField } from '@/components/Form';
import NotAllowed, { NotBound } from '@/components/NotAllowed';
import PageFrame from '@/components/PageFrame';
import { useAccess, placeOf } from '@/hooks/useAccess';
import { useAction } from '@/hooks/useAction';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { PAGES, routes } from '@/routes';
import { call } from '@/services/cloud';
import { today } from '@/utils/date';
import { toastOk } from '@/utils/feedback';
import '../evaluate.scss';

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

function DateField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (v: string) => void }) {
  return (
    <Field label={label}>
      <Picker mode="date" value={value} onChange={(e) => onChange(String(e.detail.value))}>
        <View id={id} className="field-input">
          <Text>{value || '请选择'}</Text>
        </View>
      </Picker>
    </Field>
  );
}

function Chips<T extends string>({
  prefix,
  options,
  names,
  value,
  onChange,
}: {
  prefix: string;
  options: readonly T[];
  names: Record<T, string>;
  value: T;
  onChange: (v: T) => void;
}) {
  return (
    <View className="ev-chips">
      {options.map((o) => (
        <Text key={o} id={`${prefix}-${o}`} className={`ev-chip${value === o ? ' ev-chip-on' : ''}`} onClick={() => onChange(o)}>
          {names[o]}
        </Text>
      ))}
    </View>
  );
}

function EditForm({ detail, existing }: { detail: OrgDetail; existing: EvaluationView | null }) {
  const start0 = existing?.start ?? today();
  const [input, setInput] = useState<EvaluationInput>({
    title: existing?.title ?? '',
    targetIds: existing?.targets.map((t) => t.id) ?? detail.children.filter((c) => !c.archived).map((c) => c.id),
    form: existing?.form ?? 'choice',
    electorate: existing?.electorate ?? 'own',
    start: start0,
    end: existing?.end ?? addDays(start0, 6),
  });
  const action = useAction();
  const set = (change: Partial<EvaluationInput>) => setInput((i) => ({ ...i, ...change }));
  const toggle = (id: string) =>
    set({ targetIds: input.targetIds.includes(id) ? input.targetIds.filter((t) => t !== id) : [...input.targetIds, id] });
  const submit = () =>
    action.run(async () => {
      if (existing) await call('evaluate', 'updateEvaluation', { evaluationId: existing.id, ...input });
      else await call('evaluate', 'createEvaluation', { organiserId: detail.org.id, ...input });
      toastOk(existing ? '已保存' : '已发起');
      void Taro.navigateBack().catch(() => Taro.switchTab({ url: routes.home() }));
    });
  return (
    <>
      <Text className="ev-intro">{`${detail.org.name}发起，评议对象为下级团组织。开始前可以修改；开始后只能提前结束。`}</Text>
      <View className="card ev-card">
        <TextField
          id="edit-title"
          label={FIELDS.evaluationTitle.label}
          value={input.title}
          onChange={(title) => set({ title })}
          limit={FIELDS.evaluationTitle}
          placeholder="例如：2026 年秋季团支部满意度测评"
        />
        <Field label="评议对象">
          {detail.children
            .filter((c) => !c.archived)
            .map((c) => (
              <View key={c.id} id={`edit-target-${c.id}`} className="ev-check edit-target" onClick={() => toggle(c.id)}>
                <Text className={`ev-chip${input.targetIds.includes(c.id) ? ' ev-chip-on' : ''}`}>
                  {input.targetIds.includes(c.id) ? '✓' : '＋'}
                </Text>
                <Text>{c.name}</Text>
              </View>
            ))}
        </Field>
        <Field label="评议方式">
          <Chips<EvaluationForm>
            prefix="edit-form"
            options={FORMS}
            names={FORM_NAMES}
            value={input.form}
            onChange={(form) => set({ form })}
          />
        </Field>
        <Field label="参评范围">
          <Chips<Electorate>
            prefix="edit-electorate"
            options={ELECTORATES}
            names={ELECTORATE_NAMES}
            value={input.electorate}
            onChange={(electorate) => set({ electorate })}
          />
        </Field>
        <DateField id="edit-start" label="开始日期" value={input.start} onChange={(start) => set({ start })} />
        <DateField id="edit-end" label="结束日期（当天 24 时截止）" value={input.end} onChange={(end) => set({ end })} />
        <FormSubmit
          id="edit-submit"
          errorId="edit-error"
          error={action.error}
          busy={action.busy}
          onClick={() => void submit()}
          note="每人一票、匿名投票；参评不足 5 人的组织不公布具体结果"
        >
          {existing ? '保存修改' : '发起评议'}
        </FormSubmit>
      </View>
    </>
  );
}

function Gate({ organiserId, existing }: { organiserId: string; existing: EvaluationView | null }) {
  const access = useAccess(organiserId);
  if (access.unbound) return <NotBound hint="绑定后，校团委和团总支书记可以发起群众评议。" />;
  if (access.loading || access.error || !access.detail) {
    return <PageFrame loading={access.loading} error={access.error} onRetry={() => void access.reload()} />;
  }
  if (!access.can('evaluate.createEvaluation', placeOf(access.detail))) {
    return (
      <NotAllowed
        title="群众评议由校团委和团总支发起"
        hint="校团委管理员和团总支书记可以对下级团组织发起群众评议；团员在“评议”页投票。"
        onward={{ text: '返回评议', url: `/${PAGES.evaluate}`, tab: true }}
      />
    );
  }
  if (existing && existing.status !== 'scheduled') return <PageFrame empty emptyIcon="!" emptyTitle="评议已开始，不能再修改" />;
  return <EditForm detail={access.detail} existing={existing} />;
}

export default function EditPage() {
  const id = useParam('id');
  const organiserParam = useParam('organiserId');
  const existing = useCloud(() => (id ? call('evaluate', 'evaluation', { evaluationId: id }) : Promise.resolve(null)), [id]);
  const organiserId = existing.data?.organiserId ?? organiserParam;
  return (
    <ErrorBoundary>
      <View id="edit-page" className="ev">
        {id && !existing.data ? (
          <PageFrame loading={existing.loading} error={existing.error} onRetry={() => void existing.reload()} />
        ) : organiserId ? (
          <Gate organiserId={organiserId} existing={existing.data} />
        ) : (
          <PageFrame empty emptyIcon="!" emptyTitle="缺少发起组织" />
        )}
      </View>
    </ErrorBoundary>
  );
}
