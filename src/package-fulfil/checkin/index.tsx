/**
 * 践诺打卡 (member): what they did under one of their own 四带头 items of the round, when, up to 3 photos,
 * and optionally the activity they attended. Below, their earlier check-ins.
 * Query: ?roundKey=
 * Stable ids: #checkin-page, .checkin-lead (id checkin-lead-<lead>), #checkin-text, #checkin-date,
 *   #checkin-photos-input (H5), .checkin-activity (id checkin-activity-<id>), #checkin-submit, #checkin-error,
 *   #checkin-unsigned, .checkin-done
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import { checkInFolder, MAX_CHECKIN_PHOTOS, type ActivityView, type MemberReport } from '@contract/fulfil';
import { FIELDS } from '@contract/fields';
import { FOUR_LEAD_NAMES, type FourLead } from '@contract/models';
import ErrorBoundary from '@/components/ErrorBoundary';
import PageFrame from '@/components/PageFrame';
import PrivacySheet from '@/components/PrivacySheet';
import { FormSubmit, TextArea } from '@/components/Form';
import { isStaff, useAccess } from '@/hooks/useAccess';
import { useAction } from '@/hooks/useAction';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { routes } from '@/routes';
import { CloudError, call } from '@/services/cloud';
import { formatDay, today } from '@/utils/date';
import PhotoPicker, { allUploaded, type PhotoTile } from '../components/PhotoPicker';
import PhotoGrid from '../components/PhotoGrid';
import StaffNotice from '../components/StaffNotice';
import '../fulfil.scss';

async function load(roundKey: string): Promise<{ report: MemberReport; activities: ActivityView[] }> {
  const report = await call('fulfil', 'memberReport', { roundKey });
  const feed = await call('fulfil', 'feed', { orgId: report.branchId });
  return { report, activities: feed.items };
}

function Form({ report, activities, onDone }: { report: MemberReport; activities: ActivityView[]; onDone: () => void }) {
  const roundKey = report.roundKey;
  const pledged = report.leads.filter((l) => l.commitments.length > 0);
  const [lead, setLead] = useState<FourLead | null>(pledged[0]?.lead ?? null);
  const [text, setText] = useState('');
  const [date, setDate] = useState(today());
  const [activityId, setActivityId] = useState<string | null>(null);
  const [photos, setPhotos] = useState<PhotoTile[]>([]);
  const { busy, error, setError, run } = useAction();

  if (!report.signedAt) {
    return (
      <Text id="checkin-unsigned" className="card form-note">
        你还没有签署本轮“四带头”承诺。请扫描团支部书记出示的签名二维码签署后再打卡。
      </Text>
    );
  }
  const submit = () => {
    if (busy) return;
    if (!lead) return setError(new CloudError('INVALID_ARGUMENT', '请选择承诺事项'));
    if (!text.trim()) return setError(new CloudError('INVALID_ARGUMENT', '请填写践诺内容'));
    if (!allUploaded(photos)) return setError(new CloudError('INVALID_ARGUMENT', '还有照片没有上传完成'));
    void run(async () => {
      await call('fulfil', 'checkIn', { roundKey, lead, text: text.trim(), date, photos: photos.map((p) => p.fileID ?? ''), activityId });
      void Taro.showToast({ title: '已打卡', icon: 'success' });
      setText('');
      setPhotos([]);
      setActivityId(null);
      onDone();
    });
  };
  return (
    <View className="card">
      <Text className="field-label">承诺事项</Text>
      {pledged.map((l) => (
        <View
          key={l.lead}
          id={`checkin-lead-${l.lead}`}
          className={`evidence-item checkin-lead${lead === l.lead ? ' pick-row-on' : ''}`}
          onClick={() => setLead(l.lead)}
        >
          <Text className="evidence-line">
            {lead === l.lead ? '● ' : '○ '}
            {FOUR_LEAD_NAMES[l.lead]}：{l.commitments.join('；')}
          </Text>
        </View>
      ))}
      <View className="field">
        <Text className="field-label">践诺内容</Text>
        <TextArea
          id="checkin-text"
          className="fulfil-textarea"
          value={text}
          limit={FIELDS.checkInText}
          placeholder="做了什么"
          onChange={setText}
        />
      </View>
      <View className="field">
        <Text className="field-label">日期</Text>
        <Picker mode="date" value={date} end={today()} onChange={(e) => setDate(String(e.detail.value))}>
          <View id="checkin-date" className="field-input">
            <Text>{date}</Text>
          </View>
        </Picker>
      </View>
      <View className="field">
        <Text className="field-label">照片（最多 {MAX_CHECKIN_PHOTOS} 张）</Text>
        <PhotoPicker
          id="checkin-photos"
          folder={checkInFolder(report.branchId, report.member.id)}
          max={MAX_CHECKIN_PHOTOS}
          tiles={photos}
          onChange={(update) => setPhotos(update)}
        />
      </View>
      {activities.length ? (
        <View className="field">
          <Text className="field-label">参加的活动（可选）</Text>
          {activities.map((a) => (
            <View
              key={a.id}
              id={`checkin-activity-${a.id}`}
              className={`pick-row checkin-activity${activityId === a.id ? ' pick-row-on' : ''}`}
              onClick={() => setActivityId(activityId === a.id ? null : a.id)}
            >
              <Text>
                {a.title} · {formatDay(a.date)}
              </Text>
              <Text>{activityId === a.id ? '已选' : '选择'}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <FormSubmit id="checkin-submit" errorId="checkin-error" error={error} busy={busy} onClick={submit}>
        提交打卡
      </FormSubmit>
    </View>
  );
}

function CheckIn() {
  const roundKey = useParam('roundKey');
  const { loading, data, error, reload } = useCloud(() => load(roundKey), [roundKey]);
  const access = useAccess();
  const done = data ? data.report.leads.flatMap((l) => l.checkIns) : [];
  if (access.me && isStaff(access.me)) return <StaffNotice me={access.me} page="checkin" roundKey={roundKey} />;
  return (
    <PageFrame loading={(loading && !data) || access.loading} error={error} onRetry={() => void reload()}>
      {data ? (
        <View>
          <View className="fulfil-head">
            <Text className="fulfil-title">践诺打卡</Text>
            <Text className="fulfil-sub">{data.report.theme}</Text>
          </View>
          <Form report={data.report} activities={data.activities} onDone={() => void reload()} />
          <View className="fulfil-actions">
            <Text className="link" onClick={() => void Taro.navigateTo({ url: routes.fulfilReport(roundKey) })}>
              查看我的承诺践诺情况
            </Text>
          </View>
          {done.length ? <Text className="section-title">我的打卡</Text> : null}
          {done.map((c) => (
            <View key={c.id} className="card checkin-done">
              <Text className="activity-title">{FOUR_LEAD_NAMES[c.lead]}</Text>
              <Text className="activity-meta">
                {formatDay(c.date)}
                {c.activityTitle ? ` · ${c.activityTitle}` : ''}
              </Text>
              <Text className="activity-body">{c.text}</Text>
              <PhotoGrid photos={c.photos} removed={c.removed} />
            </View>
          ))}
        </View>
      ) : null}
    </PageFrame>
  );
}

export default function CheckInPage() {
  return (
    <ErrorBoundary>
      <View id="checkin-page" className="fulfil">
        <PrivacySheet />
        <CheckIn />
      </View>
    </ErrorBoundary>
  );
}
