/**
 * 推荐与审核 of an org: its quota use per award and the nominations of its subtree, each with its steps and
 * evidence. A branch secretary nominates members (search the roster, a reason); a general secretary nominates
 * branches and forwards or declines its branches' nominations; the committee approves or declines.
 * Query: ?commendationId=&orgId=
 * Stable ids/classes: #nominations-page, #nominations-org, #nominations-quotas, #nominate-form, #nominate-award,
 *   #nominate-search, .nominate-pick (id nominate-pick-<id>), #nominate-reason, #nominate-submit, #nominate-error,
 *   #nominations-empty, .nomination-card
 */
import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { COMMEND_FIELDS, type AwardDef, type NominationView } from '@contract/commend';
import type { OrgDetail } from '@contract/org';
import type { MemberView } from '@contract/roster';
import ErrorBoundary from '@/components/ErrorBoundary';
import { Field, FormSubmit, TextArea } from '@/components/Form';
import NotAllowed, { NotBound } from '@/components/NotAllowed';
import PageFrame from '@/components/PageFrame';
import { useAccess } from '@/hooks/useAccess';
import { useAction } from '@/hooks/useAction';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { routes } from '@/routes';
import { CloudError, call } from '@/services/cloud';
import { toastOk } from '@/utils/feedback';
import NominationCard, { type Decider } from '../components/NominationCard';
import '../commend.scss';

interface Pick {
  id: string;
  name: string;
}

/** Members of the branch (search by name or number) or the college's branches, to pick the one nominated. */
function Picker({
  orgId,
  branches,
  value,
  onChange,
}: {
  orgId: string;
  branches: Pick[] | null;
  value: Pick | null;
  onChange: (p: Pick) => void;
}) {
  const [keyword, setKeyword] = useState('');
  const [found, setFound] = useState<MemberView[]>([]);
  useEffect(() => {
    if (branches) return;
    let live = true;
    const t = setTimeout(() => {
      call('roster', 'listMembers', { orgId, keyword: keyword.trim() || undefined, limit: 20 })
        .then((r) => live && setFound(r.items))
        .catch(() => live && setFound([]));
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [orgId, keyword, branches]);
  const rows: Pick[] = branches ?? found.map((m) => ({ id: m.id, name: `${m.name} · ${m.studentNo}` }));
  return (
    <View>
      {branches ? null : (
        <Input
          id="nominate-search"
          className="field-input"
          value={keyword}
          placeholder="按姓名或学号搜索"
          onInput={(e) => setKeyword(e.detail.value)}
        />
      )}
      <View className="pick-list">
        {rows.map((r) => (
          <View
            key={r.id}
            id={`nominate-pick-${r.id}`}
            className={`pick-row nominate-pick${value?.id === r.id ? ' pick-row-on' : ''}`}
            onClick={() => onChange(r)}
          >
            <Text>{r.name}</Text>
            <Text>{value?.id === r.id ? '已选' : '选择'}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

function NominateForm({
  commendationId,
  detail,
  awards,
  onDone,
}: {
  commendationId: string;
  detail: OrgDetail;
  awards: AwardDef[];
  onDone: () => void;
}) {
  const isBranch = detail.org.level === 'branch';
  const choices = awards.filter((a) => a.subject === (isBranch ? 'member' : 'org'));
  const [awardKey, setAwardKey] = useState(choices[0]?.key ?? '');
  const [picked, setPicked] = useState<Pick | null>(null);
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction();
  if (choices.length === 0) return null;
  const submit = () => {
    if (!picked) return setError(new CloudError('INVALID_ARGUMENT', isBranch ? '请选择推荐的团员' : '请选择推荐的团支部'));
    if (reason.trim().length < (COMMEND_FIELDS.reason.min ?? 1))
      return setError(new CloudError('INVALID_ARGUMENT', `${COMMEND_FIELDS.reason.label}：至少 ${COMMEND_FIELDS.reason.min} 个字`));
    void run(async () => {
      const base = { commendationId, awardKey, reason: reason.trim() };
      if (isBranch) await call('commend', 'nominateMember', { ...base, memberId: picked.id });
      else await call('commend', 'nominateOrg', { ...base, orgId: picked.id });
      toastOk('已推荐');
      setPicked(null);
      setReason('');
      onDone();
    });
  };
  return (
    <View id="nominate-form" className="card">
      <Text className="org-pledge-name">{isBranch ? '推荐本支部团员' : '推荐所属团支部'}</Text>
      <Field label="奖项">
        <View id="nominate-award" className="tag-row">
          {choices.map((a) => (
            <Text key={a.key} className={`tag${a.key === awardKey ? ' tag-on' : ''}`} onClick={() => setAwardKey(a.key)}>
              {a.name}
            </Text>
          ))}
        </View>
      </Field>
      <Field label={isBranch ? '推荐团员' : '推荐团支部'}>
        <Picker
          orgId={detail.org.id}
          branches={isBranch ? null : detail.children.filter((c) => c.level === 'branch').map((c) => ({ id: c.id, name: c.name }))}
          value={picked}
          onChange={setPicked}
        />
      </Field>
      <Field label={COMMEND_FIELDS.reason.label}>
        <TextArea
          id="nominate-reason"
          className="fulfil-textarea"
          value={reason}
          limit={COMMEND_FIELDS.reason}
          placeholder="主要事迹：承诺践诺情况、学习成绩、志愿服务等"
          onChange={setReason}
        />
      </Field>
      <FormSubmit
        id="nominate-submit"
        errorId="nominate-error"
        error={error}
        busy={busy}
        onClick={submit}
        note="“四带头”承诺、践诺打卡、参加活动和支部评诺将作为依据自动附上。"
      >
        提交推荐
      </FormSubmit>
    </View>
  );
}

const LEVEL_NAMES = { branch: '本支部', general: '本团总支', committee: '校团委' } as const;

function Nominations() {
  const commendationId = useParam('commendationId');
  const orgId = useParam('orgId');
  const access = useAccess(orgId);
  const { loading, data, error, reload } = useCloud(async () => {
    const [overview, list] = await Promise.all([
      call('commend', 'overview', {}),
      call('commend', 'nominations', { commendationId, orgId }),
    ]);
    return { c: overview.commendation, list };
  }, [commendationId, orgId]);
  if (access.unbound) return <NotBound hint="绑定后，团支部书记可以在这里推荐优秀团员。" />;
  if (access.loading || access.error)
    return <PageFrame loading={access.loading} error={access.error} onRetry={() => void access.reload()} />;
  if (!access.can('commend.nominations')) {
    return (
      <NotAllowed
        title="推荐与审核由团干部办理"
        hint="团支部书记推荐优秀团员，团总支书记审核上报，校团委审定。你可以在表彰公示中查看结果。"
        onward={{ text: '查看表彰公示', url: routes.commendNotice(commendationId) }}
      />
    );
  }
  const detail = access.detail;
  const canNominate = access.can('commend.nominateMember') || access.can('commend.nominateOrg');
  const deciderOf = (n: NominationView): Decider | undefined => {
    // The page's org covers every nomination listed (they are its subtree's): its gate decides.
    if (n.status === 'nominated' && access.can('commend.forward')) {
      return {
        accept: '同意上报',
        decline: '退回',
        run: (d, reason) => call('commend', 'forward', { nominationId: n.id, decision: d === 'accept' ? 'forward' : 'decline', reason }),
      };
    }
    if (n.status === 'forwarded' && access.can('commend.decide')) {
      return {
        accept: '审定通过',
        decline: '不予通过',
        run: (d, reason) => call('commend', 'decide', { nominationId: n.id, decision: d === 'accept' ? 'approve' : 'decline', reason }),
      };
    }
    return undefined;
  };
  return (
    <PageFrame loading={loading && !data} error={error} onRetry={() => void reload()}>
      {data && detail ? (
        <View>
          <View className="fulfil-head">
            <Text id="nominations-org" className="fulfil-title">
              {detail.org.name} · 推荐与审核
            </Text>
            <Text className="fulfil-sub">{data.c?.title ?? ''}</Text>
          </View>
          <View id="nominations-quotas" className="card">
            {data.list.quotas.map((q) => (
              <Text key={q.awardKey} className="commend-quota">
                {data.c?.awards.find((a) => a.key === q.awardKey)?.name ?? q.awardKey}：{LEVEL_NAMES[q.level]}已用名额 {q.used} / {q.quota}
              </Text>
            ))}
          </View>
          {canNominate && data.c && !data.c.notice ? (
            <NominateForm commendationId={commendationId} detail={detail} awards={data.c.awards} onDone={() => void reload()} />
          ) : null}
          <Text className="section-title">推荐名单</Text>
          {data.list.items.length === 0 ? (
            <View id="nominations-empty">
              <PageFrame empty emptyIcon="推" emptyTitle="还没有推荐" emptyHint="团支部推荐的团员和团总支推荐的团支部会显示在这里。" />
            </View>
          ) : (
            data.list.items.map((n) => <NominationCard key={n.id} n={n} decider={deciderOf(n)} onChanged={() => void reload()} />)
          )}
        </View>
      ) : null}
    </PageFrame>
  );
}

export default function NominationsPage() {
  return (
    <ErrorBoundary>
      <View id="nominations-page" className="fulfil">
        <Nominations />
      </View>
    </ErrorBoundary>
  );
}
