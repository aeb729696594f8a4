/**
 * 提醒我: asks consent for the subscription messages of some events, then records it on the server (the ledger).
 * WeChat opens its popup only from a tap, and an `await` before the call makes it fail intermittently, so the tap
 * handler calls Taro.requestSubscribeMessage first, with the template ids loaded beforehand. In H5 local mode a
 * consent sheet stands in for the popup and the emulator records the consent (services/notify.ts localSubscribe).
 * Stable ids/classes for e2e: #<id> (.remind-button), .remind-sheet (#<id>-sheet), .remind-sheet-item
 * (id <id>-item-<template key>), #<id>-allow 允许, #<id>-cancel 取消, .remind-credits (credits left).
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { templatesOf, type MyReminders, type NotifyKind, type ReminderTemplateView } from '@contract/notify';
import { Button } from '@/components/nut';
import { useAction } from '@/hooks/useAction';
import { useCloud } from '@/hooks/useCloud';
import { localSubscribe, myReminders, recordConsent, type SubscribeAnswers } from '@/services/notify';
import { toastError, toastOk } from '@/utils/feedback';
import './index.scss';

export interface RemindButtonProps {
  id: string;
  /** The events this screen is about; their templates are asked for (at most 3). */
  kinds: NotifyKind[];
  text?: string;
  /** Called with the new credits after a consent was recorded. */
  onChange?: (reminders: MyReminders) => void;
  /** Show the credits line beside the button (off where the screen already states them). */
  showCredits?: boolean;
}

/** The templates to ask for, from what the server says (ids are deployment configuration). */
export function templatesFor(reminders: MyReminders | null, kinds: NotifyKind[]): ReminderTemplateView[] {
  const keys = templatesOf(kinds).slice(0, 3);
  return (reminders?.templates ?? []).filter((t) => keys.includes(t.key));
}

export default function RemindButton({ id, kinds, text = '提醒我', onChange, showCredits = true }: RemindButtonProps) {
  const { data, setData } = useCloud(myReminders);
  const [sheet, setSheet] = useState(false);
  const [choice, setChoice] = useState<SubscribeAnswers>({});
  const saving = useAction({ onError: toastError });
  const templates = templatesFor(data, kinds);
  const credits = templates.reduce((n, t) => n + t.remaining, 0);

  const record = async (answers: Record<string, string>) => {
    const accepted = templates.filter((t) => answers[t.templateId] === 'accept').map((t) => t.key);
    if (accepted.length === 0) return;
    const next = await recordConsent(accepted);
    setData(next);
    onChange?.(next);
    toastOk('已开启提醒');
  };

  const onTap = () => {
    if (templates.length === 0) return;
    if (IS_H5) {
      setChoice(Object.fromEntries(templates.map((t) => [t.templateId, 'accept'])));
      setSheet(true);
      return;
    }
    // First, before any await: WeChat opens the popup only synchronously from the tap.
    const asked = Taro.requestSubscribeMessage({ tmplIds: templates.map((t) => t.templateId) } as Taro.requestSubscribeMessage.Option);
    void saving.run(async () => {
      const res = (await asked) as unknown as Record<string, string>;
      await record(res);
    });
  };

  const allow = () =>
    saving.run(async () => {
      const answers = await localSubscribe(
        templates.map((t) => t.templateId),
        choice,
      );
      setSheet(false);
      await record(answers);
    });

  return (
    <View className="remind">
      <Button
        id={id}
        className="remind-button"
        size="small"
        type="primary"
        fill="outline"
        disabled={templates.length === 0}
        onClick={onTap}
      >
        {text}
      </Button>
      {data && showCredits ? <Text className="remind-credits">{credits > 0 ? `可接收 ${credits} 条` : '未开启'}</Text> : null}
      {sheet ? (
        <View className="remind-mask" catchMove onClick={() => setSheet(false)}>
          <View id={`${id}-sheet`} className="remind-sheet remind-sheet-h5" onClick={(e) => e.stopPropagation()}>
            <Text className="remind-sheet-title">党团共建·创先争优 申请向你发送以下消息</Text>
            <Text className="remind-sheet-local">本地模式 · 代替微信订阅消息授权弹窗</Text>
            {templates.map((t) => {
              const on = choice[t.templateId] === 'accept';
              return (
                <View
                  key={t.key}
                  id={`${id}-item-${t.key}`}
                  className={`remind-sheet-item${on ? ' remind-sheet-item-on' : ''}`}
                  onClick={() => setChoice({ ...choice, [t.templateId]: on ? 'reject' : 'accept' })}
                >
                  <Text className="remind-check">{on ? '✓' : ''}</Text>
                  <View className="remind-sheet-text">
                    <Text className="remind-sheet-name">{t.title}</Text>
                    <Text className="remind-sheet-desc">{t.description}</Text>
                  </View>
                </View>
              );
            })}
            <Text className="remind-sheet-note">每次允许，可收到一次该类提醒</Text>
            <View className="remind-sheet-buttons">
              <Button id={`${id}-cancel`} className="remind-sheet-cancel" onClick={() => setSheet(false)}>
                取消
              </Button>
              <Button id={`${id}-allow`} className="remind-sheet-allow" type="primary" loading={saving.busy} onClick={() => void allow()}>
                允许
              </Button>
            </View>
          </View>
        </View>
      ) : null}
    </View>
  );
}
