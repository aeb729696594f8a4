/**
 * 本地消息 (H5 local mode only): the subscription messages (订阅消息) the cloud functions sent the
 * signed-in local identity, as the emulator's inbox recorded them (cloud.openapi.subscribeMessage.send).
 * Newest first; tapping a message with a page opens it (switchTab for a tab page, else navigateTo).
 * Stable ids/classes for e2e:
 *   #inbox-page
 *   #local-mode-banner / .local-mode-banner   "本地模式 · 模拟订阅消息"
 *   .inbox-message (one per message; id inbox-message-<msgid>), .inbox-template, .inbox-time,
 *   .inbox-field (one per data key, "key: value"), .inbox-page-link
 *   #inbox-empty                               no messages yet
 *   #inbox-unavailable                         shown in the weapp build instead of the list
 */
import { Text, View } from '@tarojs/components';
import type { LocalInboxMessage } from '@contract/app';
import LocalPage from '@/components/LocalPage';
import PageFrame from '@/components/PageFrame';
import { useCloud } from '@/hooks/useCloud';
import { openPage } from '@/routes';
import { listInbox } from '@/services/local';
import { formatTime } from '@/utils/date';
import './index.scss';

function fieldText(field: unknown): string {
  const value = typeof field === 'object' && field !== null && 'value' in field ? (field as { value: unknown }).value : field;
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

function Message({ message }: { message: LocalInboxMessage }) {
  const { page } = message;
  return (
    <View
      id={`inbox-message-${message.msgid.replace(/[^A-Za-z0-9_-]/g, '_')}`}
      className={`card inbox-message${page ? ' inbox-message-link' : ''}`}
      onClick={() => {
        if (page) openPage(page);
      }}
    >
      <View className="inbox-head">
        <Text className="inbox-template">{message.templateId}</Text>
        <Text className="inbox-time">{formatTime(message.sentAt, { seconds: true })}</Text>
      </View>
      {Object.entries(message.data).map(([key, field]) => (
        <Text key={key} className="inbox-field">
          {`${key}: ${fieldText(field)}`}
        </Text>
      ))}
      <Text className="inbox-page-link">{page ? `打开页面 ${page} ›` : '无跳转页面'}</Text>
    </View>
  );
}

function InboxList() {
  const { loading, data, error, reload } = useCloud(listInbox);
  const empty = !!data && data.length === 0;
  return (
    <View id={empty ? 'inbox-empty' : undefined}>
      <PageFrame
        loading={loading}
        error={error}
        onRetry={() => void reload()}
        empty={empty}
        emptyTitle="暂无消息"
        emptyHint="云函数发送的订阅消息会显示在这里"
      >
        {(data ?? []).map((message) => (
          <Message key={message.msgid} message={message} />
        ))}
      </PageFrame>
    </View>
  );
}

export default function InboxPage() {
  return (
    <LocalPage
      name="inbox"
      feature="本地消息"
      title="本地模式 · 模拟订阅消息"
      hint="这里是本地模拟环境收到的订阅消息，正式版由微信推送。"
      spaced
    >
      <InboxList />
    </LocalPage>
  );
}
