/**
 * 我的 → 消息提醒: for each kind of reminder (a subscription-message template), how many more messages the person
 * can receive, what it reminds about, and 再订阅一次 to add one (each consent allows one message, as WeChat rules).
 * Stable ids/classes for e2e: #reminders-page; .reminder-card (id reminder-<template key>), .reminder-title,
 * .reminder-remaining, .reminder-events; the add button #reminder-add-<template key> (RemindButton: 订阅提醒, or 再订阅一次 while credits are left; the
 * credits are said once, in the card's head).
 */
import { Text, View } from '@tarojs/components';
import { NOTIFY_EVENTS, type NotifyKind, type ReminderTemplateView } from '@contract/notify';
import ErrorBoundary from '@/components/ErrorBoundary';
import PageFrame from '@/components/PageFrame';
import RemindButton from '@/components/RemindButton';
import { useCloud } from '@/hooks/useCloud';
import { myReminders } from '@/services/notify';
import './index.scss';

/** One event of the template, for the button to ask for exactly that template. */
const kindOf = (t: ReminderTemplateView): NotifyKind =>
  (Object.keys(NOTIFY_EVENTS) as NotifyKind[]).find((k) => NOTIFY_EVENTS[k].template === t.key) ?? 'stageStart';

function Reminders() {
  const { loading, data, error, reload, setData } = useCloud(myReminders);
  return (
    <View id="reminders-page" className="reminders">
      <Text className="reminders-intro">微信规定：每次允许只能收到一次该类提醒。次数用完后，请在这里或相关页面点“提醒我”再次订阅。</Text>
      <PageFrame loading={loading && !data} error={error} onRetry={() => void reload()}>
        {(data?.templates ?? []).map((t) => (
          <View key={t.key} id={`reminder-${t.key}`} className="card reminder-card">
            <View className="reminder-head">
              <Text className="reminder-title">{t.title}</Text>
              <Text className={`reminder-remaining${t.remaining > 0 ? ' reminder-on' : ''}`}>
                {t.remaining > 0 ? `还可接收 ${t.remaining} 条` : '未订阅'}
              </Text>
            </View>
            <Text className="reminder-desc">{t.description}</Text>
            <Text className="reminder-events">{`包括：${t.events.join('、')}`}</Text>
            <RemindButton
              id={`reminder-add-${t.key}`}
              kinds={[kindOf(t)]}
              text={t.remaining > 0 ? '再订阅一次' : '订阅提醒'}
              onChange={setData}
              showCredits={false}
            />
          </View>
        ))}
      </PageFrame>
    </View>
  );
}

export default function RemindersPage() {
  return (
    <ErrorBoundary>
      <Reminders />
    </ErrorBoundary>
  );
}
