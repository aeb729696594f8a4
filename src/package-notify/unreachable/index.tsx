/**
 * 提醒送达 (admins and secretaries): the reminders that concerned the org, how many reached people, and per event
 * who could not be reached (not bound, no consent, refused …) with one tap to copy the list for the class group.
 * Query: ?orgId= (required). Stable ids/classes for e2e: #reach-page; .reach-event (id reach-event-<n>), .reach-counts;
 * #reach-list, .reach-person, #reach-copy 复制名单, #reach-empty.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { NotifyEventView, UnreachableList } from '@contract/notify';
import ErrorBoundary from '@/components/ErrorBoundary';
import PageFrame from '@/components/PageFrame';
import PrivacySheet from '@/components/PrivacySheet';
import { Button } from '@/components/nut';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { reminderEvents, unreachable } from '@/services/notify';
import { formatTime } from '@/utils/date';
import { toastError, toastOk } from '@/utils/feedback';
import './index.scss';

/** The text copied for a class group: one line per person (staff accounts have no student number). */
export function copyText(list: UnreachableList): string {
  const line = (p: UnreachableList['people'][number]) => `${[p.name, p.studentNo].filter(Boolean).join(' ')}（${p.reasonText}）`;
  return [`以下人员未收到“${list.eventName}”提醒：`, ...list.people.map(line)].join('\n');
}

function People({ orgId, event }: { orgId: string; event: NotifyEventView }) {
  const { loading, data, error, reload } = useCloud(() => unreachable(orgId, event.id), [orgId, event.id]);
  const copy = async () => {
    if (!data) return;
    try {
      await Taro.setClipboardData({ data: copyText(data) });
      toastOk('已复制');
    } catch (err) {
      toastError(err);
    }
  };
  return (
    <View id="reach-list" className="card reach-list">
      <PageFrame loading={loading} error={error} onRetry={() => void reload()}>
        {data && data.people.length === 0 ? (
          <Text id="reach-empty" className="reach-empty">
            该提醒已送达本组织所有人
          </Text>
        ) : null}
        {data && data.people.length > 0 ? (
          <>
            <View className="reach-list-head">
              <Text className="reach-list-title">{`未送达 ${data.people.length} 人${data.truncated ? '（仅列出前 2000 人）' : ''}`}</Text>
              <Button id="reach-copy" className="reach-copy" size="small" type="primary" onClick={() => void copy()}>
                复制名单
              </Button>
            </View>
            {data.people.map((p) => (
              <View key={p.memberId} className="reach-person">
                <Text className="reach-person-name">{p.name}</Text>
                <Text className="reach-person-no">{p.studentNo}</Text>
                <Text className={`reach-reason reach-reason-${p.reason}`}>{p.reasonText}</Text>
              </View>
            ))}
          </>
        ) : null}
      </PageFrame>
    </View>
  );
}

function Reach({ orgId }: { orgId: string }) {
  const { loading, data, error, reload } = useCloud(() => reminderEvents(orgId), [orgId]);
  const [open, setOpen] = useState<string | null>(null);
  const empty = !!data && data.length === 0;
  return (
    <PageFrame loading={loading && !data} error={error} onRetry={() => void reload()} empty={empty} emptyTitle="暂无提醒">
      {(data ?? []).map((e, i) => (
        <View key={e.id}>
          <View
            id={`reach-event-${i}`}
            className={`card reach-event${open === e.id ? ' reach-event-open' : ''}`}
            onClick={() => setOpen(open === e.id ? null : e.id)}
          >
            <View className="reach-event-head">
              <Text className="reach-event-name">{e.name}</Text>
              <Text className="reach-event-time">{formatTime(e.createdAt)}</Text>
            </View>
            <Text className="reach-event-title">{e.title}</Text>
            <Text className="reach-counts">{`已送达 ${e.sent} · 未送达 ${e.unreachable}${e.pending > 0 ? ` · 待发送 ${e.pending}` : ''} ›`}</Text>
          </View>
          {open === e.id ? <People orgId={orgId} event={e} /> : null}
        </View>
      ))}
    </PageFrame>
  );
}

export default function ReachPage() {
  const orgId = useParam('orgId');
  return (
    <ErrorBoundary>
      <View id="reach-page" className="reach">
        <Text className="reach-intro">订阅消息需要本人授权，未送达的同学请在班级群里另行通知。</Text>
        {orgId ? <Reach orgId={orgId} /> : <PageFrame empty emptyIcon="!" emptyTitle="缺少组织参数" />}
        {/* Copying the list uses the clipboard, a privacy API: WeChat asks for consent first. */}
        <PrivacySheet />
      </View>
    </ErrorBoundary>
  );
}
