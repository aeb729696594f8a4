/**
 * 记录检查 (a leader over a contact point, a college over its branches, the committee): the kind (座谈会 / 常规督查 /
 * 随机抽查), date, place, what was seen, and findings; a finding may require a rectification within a deadline, owed by
 * the org's secretary. Below, the org's earlier inspections. Query: ?orgId=&drawId= (a spot check it follows up).
 * Stable ids: #inspect-page, #inspect-kind-<kind>, #inspect-date, #inspect-place, #inspect-summary,
 *   #inspect-finding-<i>, #inspect-rectify-<i>, #inspect-deadline-<i>, #inspect-add-finding, #inspect-submit,
 *   #inspect-error, #inspect-list, .inspect-item
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { addDays } from '@contract/time';
import { INSPECTION_KINDS, INSPECTION_KIND_NAMES, MAX_FINDINGS, SUPERVISE_FIELDS as F, type InspectionKind } from '@contract/supervise';
import ErrorBoundary from '@/components/ErrorBoundary';
import NotAllowed, { NotBound } from '@/components/NotAllowed';
import PageFrame from '@/components/PageFrame';
import { Field, FormSubmit, TextArea, TextField } from '@/components/Form';
import { useAccess } from '@/hooks/useAccess';
import { useAction } from '@/hooks/useAction';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { routes } from '@/routes';
import { CloudError, call } from '@/services/cloud';
import { formatDay, today } from '@/utils/date';
import '../supervise.scss';

interface FindingDraft {
  text: string;
  rectify: boolean;
  deadline: string;
}
const newFinding = (): FindingDraft => ({ text: '', rectify: false, deadline: addDays(today(), 14) });

function History({ orgId, version }: { orgId: string; version: number }) {
  const { loading, data, error, reload } = useCloud(() => call('supervise', 'inspections', { orgId }), [orgId, version]);
  return (
    <View id="inspect-list">
      <Text className="section-title">检查记录</Text>
      <PageFrame
        loading={loading && !data}
        error={error}
        onRetry={() => void reload()}
        empty={!!data && data.length === 0}
        emptyIcon="检"
        emptyTitle="还没有检查记录"
        emptyHint="记录的检查会显示在这里。"
      >
        {(data ?? []).map((i) => (
          <View key={i.id} className="card inspect-item">
            <Text className="sv-name">
              {INSPECTION_KIND_NAMES[i.kind]} · {formatDay(i.date)}
            </Text>
            <Text className="sv-label">
              {i.orgName} · {i.byName}
              {i.place ? ` · ${i.place}` : ''}
            </Text>
            <Text style={{ display: 'block', marginTop: '12px' }}>{i.summary}</Text>
            {i.findings.map((f, n) => (
              <View key={n} className="sv-row">
                <Text>
                  {n + 1}. {f.text}
                </Text>
                {f.rectificationId ? (
                  <Text className="link" onClick={() => void Taro.navigateTo({ url: routes.rectify({ id: f.rectificationId ?? '' }) })}>
                    整改 ›
                  </Text>
                ) : null}
              </View>
            ))}
          </View>
        ))}
      </PageFrame>
    </View>
  );
}

function InspectForm({ orgId, onSaved }: { orgId: string; onSaved: () => void }) {
  const drawId = useParam('drawId');
  const [kind, setKind] = useState<InspectionKind>(drawId ? 'spotCheck' : 'regular');
  const [date, setDate] = useState(today());
  const [place, setPlace] = useState('');
  const [summary, setSummary] = useState('');
  const [findings, setFindings] = useState<FindingDraft[]>([newFinding()]);
  const { busy, error, setError, run } = useAction();
  const patch = (i: number, change: Partial<FindingDraft>) =>
    setFindings((list) => list.map((f, n) => (n === i ? { ...f, ...change } : f)));

  const submit = () => {
    if (!summary.trim()) return setError(new CloudError('INVALID_ARGUMENT', `请填写${F.inspectionSummary.label}`, { field: 'summary' }));
    const filled = findings.filter((f) => f.text.trim());
    void run(async () => {
      await call('supervise', 'recordInspection', {
        orgId,
        kind,
        date,
        place: place.trim(),
        summary: summary.trim(),
        findings: filled.map((f) => ({ text: f.text.trim(), deadline: f.rectify ? f.deadline : null })),
        drawId: drawId || null,
      });
      void Taro.showToast({ title: '已记录', icon: 'success' });
      setSummary('');
      setPlace('');
      setFindings([newFinding()]);
      onSaved();
    });
  };

  return (
    <View>
      <View className="card">
        <Field label="检查方式">
          <View className="tag-row">
            {INSPECTION_KINDS.map((k) => (
              <Text key={k} id={`inspect-kind-${k}`} className={`tag${kind === k ? ' tag-on' : ''}`} onClick={() => setKind(k)}>
                {INSPECTION_KIND_NAMES[k]}
              </Text>
            ))}
          </View>
        </Field>
        <Field label="检查日期">
          <Picker mode="date" value={date} end={today()} onChange={(e) => setDate(String(e.detail.value))}>
            <View id="inspect-date" className="field-input">
              <Text>{date}</Text>
            </View>
          </Picker>
        </Field>
        <TextField id="inspect-place" label={F.inspectionPlace.label} value={place} limit={F.inspectionPlace} onChange={setPlace} />
        <Field label={F.inspectionSummary.label}>
          <TextArea
            id="inspect-summary"
            className="fulfil-textarea"
            value={summary}
            limit={F.inspectionSummary}
            placeholder="查看了哪些材料、与谁座谈、总体情况"
            onChange={setSummary}
          />
        </Field>
        {drawId ? <Text className="form-note">关联随机抽查：{drawId}</Text> : null}
      </View>
      <Text className="section-title">发现的问题</Text>
      <View className="card">
        {findings.map((f, i) => (
          <View key={i} className="sv-finding">
            <TextArea
              id={`inspect-finding-${i}`}
              className="fulfil-textarea"
              value={f.text}
              limit={F.finding}
              placeholder={`问题 ${i + 1}（不填则不记录）`}
              onChange={(text) => patch(i, { text })}
            />
            <View className="sv-row">
              <Text
                id={`inspect-rectify-${i}`}
                className={`tag${f.rectify ? ' tag-on' : ''}`}
                onClick={() => patch(i, { rectify: !f.rectify })}
              >
                {f.rectify ? '✓ 限期整改' : '限期整改'}
              </Text>
              {f.rectify ? (
                <Picker mode="date" value={f.deadline} start={today()} onChange={(e) => patch(i, { deadline: String(e.detail.value) })}>
                  <Text id={`inspect-deadline-${i}`}>期限 {f.deadline} ›</Text>
                </Picker>
              ) : null}
            </View>
          </View>
        ))}
        {findings.length < MAX_FINDINGS ? (
          <Text id="inspect-add-finding" className="link" onClick={() => setFindings((list) => [...list, newFinding()])}>
            + 再加一条
          </Text>
        ) : null}
        <Text className="form-note">限期整改由该组织书记负责回复，逾期未整改将上报上一级组织。</Text>
      </View>
      <View className="card">
        <FormSubmit id="inspect-submit" errorId="inspect-error" error={error} busy={busy} onClick={submit}>
          保存检查记录
        </FormSubmit>
      </View>
    </View>
  );
}

function Gate() {
  const orgId = useParam('orgId');
  const access = useAccess(orgId);
  const [version, setVersion] = useState(0);
  if (access.unbound) return <NotBound hint="绑定后，领导小组成员和团总支书记可以在这里记录检查。" />;
  if (access.loading || access.error)
    return <PageFrame loading={access.loading} error={access.error} onRetry={() => void access.reload()} />;
  if (!access.can('supervise.recordInspection')) {
    return (
      <NotAllowed
        title="检查由上级组织记录"
        hint="督促检查由领导小组成员、团总支书记和校团委记录；整改事项请在“限期整改”中查看和回复。"
        onward={{ text: '查看限期整改', url: routes.rectify({ orgId }) }}
      />
    );
  }
  return (
    <View>
      <Text className="sv-intro">{access.detail?.org.name ?? ''}</Text>
      <InspectForm orgId={orgId} onSaved={() => setVersion((v) => v + 1)} />
      <History orgId={orgId} version={version} />
    </View>
  );
}

export default function InspectPage() {
  return (
    <ErrorBoundary>
      <View id="inspect-page" className="supervise">
        <Gate />
      </View>
    </ErrorBoundary>
  );
}
