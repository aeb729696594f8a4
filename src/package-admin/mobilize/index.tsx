/**
 * 动员部署 (admin / general secretary; a branch secretary reads the plans and records meetings): publish
 * the org's implementation plan (campaign.publishPlan: title, body, attachments uploaded to campaign-files/<orgId>/…), read the plan chain (committee
 * first, campaign.plans), record a mobilisation meeting (campaign.recordMeeting: date, place,
 * attendance, summary, photos — weapp chooseMedia / H5 file input — uploaded to campaign-files/<orgId>/…)
 * and list the meetings with their photos (campaign.meetings).
 * Query: ?orgId= (required).
 * Stable ids/classes for e2e:
 *   #mobilize-page
 *   .plan-item (id plan-<orgId>), .plan-title, .plan-body, .plan-attachment; #plans-empty
 *   #plan-title, #plan-body, #plan-attach (H5: #plan-file-input), .plan-pending-file, #plan-publish, #plan-error
 *   #meeting-date, #meeting-place, #meeting-attendance, #meeting-summary, #meeting-photos
 *     (H5: #meeting-file-input), .meeting-pending-photo, #meeting-save, #meeting-error
 *   .meeting-item (id meeting-<id>), .meeting-photo; #meetings-empty
 */
import { type Dispatch, type SetStateAction, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Picker, Text, View } from '@tarojs/components';
import type { MeetingView, PlanView } from '@contract/campaign';
import ErrorBoundary from '@/components/ErrorBoundary';
import { FIELDS } from '@contract/fields';
import { Field, FormSubmit, TextArea, TextField } from '@/components/Form';
import NotAllowed, { NotBound, TO_MINE } from '@/components/NotAllowed';
import PageFrame from '@/components/PageFrame';
import PrivacySheet from '@/components/PrivacySheet';
import FileInput from '../components/FileInput';
import { useAccess } from '@/hooks/useAccess';
import { useAction } from '@/hooks/useAction';
import { useCloud } from '@/hooks/useCloud';
import { useParam } from '@/hooks/useParam';
import { CloudError, call } from '@/services/cloud';
import { openFileLink, uploadFile, uploadPath, type PickedFile } from '@/services/storage';
import { formatDate, today } from '@/utils/date';
import { toastOk } from '@/utils/feedback';
import '../admin.scss';
import '../campaign/index.scss';
import './index.scss';

/** The style of the plan's body and the meeting's summary. */
const AREA = 'field-textarea mobilize-textarea';

async function pickWeappPhotos(): Promise<PickedFile[]> {
  try {
    const res = await Taro.chooseMedia({ count: 9, mediaType: ['image'], sourceType: ['album', 'camera'] });
    return res.tempFiles.map((f, i) => ({ kind: 'path', path: f.tempFilePath, name: `photo-${i + 1}.jpg`, size: f.size }));
  } catch {
    return [];
  }
}

async function pickWeappFiles(): Promise<PickedFile[]> {
  try {
    const res = await Taro.chooseMessageFile({ count: 5, type: 'file' });
    return res.tempFiles.map((f) => ({ kind: 'path', path: f.path, name: f.name, size: f.size }));
  } catch {
    return [];
  }
}

/** The files picked for a form (tap one to drop it) and the button that adds more: weapp `pickWeapp`, H5 a file input. */
function PendingFiles(props: {
  id: string;
  inputId: string;
  label: string;
  accept: string;
  pendingClass: string;
  files: PickedFile[];
  setFiles: Dispatch<SetStateAction<PickedFile[]>>;
  pickWeapp: () => Promise<PickedFile[]>;
}) {
  const { id, inputId, label, accept, pendingClass, files, setFiles, pickWeapp } = props;
  const add = (list: PickedFile[]) => setFiles((prev) => [...prev, ...list]);
  return (
    <>
      <View className="mobilize-picked">
        {files.map((f, i) => (
          <Text key={`${f.name}-${i}`} className={`tag ${pendingClass}`} onClick={() => setFiles((l) => l.filter((_, j) => j !== i))}>
            {f.name} ×
          </Text>
        ))}
      </View>
      <View className="mobilize-buttons">
        <View id={id} className="action mobilize-pick" onClick={() => (IS_H5 ? undefined : void pickWeapp().then(add))}>
          {label}
          <FileInput id={inputId} accept={accept} multiple classPrefix="mobilize" onFiles={add} />
        </View>
      </View>
    </>
  );
}

/** Uploads a form's files to the org's campaign folder; resolves with their fileIDs, in order. */
async function uploadAll(orgId: string, files: PickedFile[]): Promise<string[]> {
  const ids: string[] = [];
  for (const f of files) ids.push(await uploadFile(uploadPath(`campaign-files/${orgId}`, f.name), f));
  return ids;
}

function PlanForm({ orgId, onDone }: { orgId: string; onDone: () => void }) {
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<PickedFile[]>([]);
  const { busy, error, setError, run } = useAction();

  const publish = () => {
    if (busy) return;
    if (!title.trim() || !body.trim()) {
      setError(new CloudError('INVALID_ARGUMENT', '请填写方案标题和正文'));
      return;
    }
    void run(async () => {
      const attachments = await uploadAll(orgId, files);
      await call('campaign', 'publishPlan', { orgId, title: title.trim(), body: body.trim(), attachments });
      toastOk('方案已发布');
      setTitle('');
      setBody('');
      setFiles([]);
      onDone();
    });
  };

  return (
    <View className="card">
      <Text className="card-title">发布实施方案</Text>
      <TextField
        id="plan-title"
        label="标题"
        value={title}
        limit={FIELDS.planTitle}
        placeholder="例如：计算机学院“党团共建、创先争优”活动实施方案"
        onChange={setTitle}
      />
      <Field label="正文">
        <TextArea
          id="plan-body"
          className={AREA}
          value={body}
          limit={FIELDS.planBody}
          placeholder="活动目标、阶段安排、工作要求……"
          onChange={setBody}
        />
      </Field>
      <PendingFiles
        id="plan-attach"
        inputId="plan-file-input"
        label="添加附件"
        accept="*/*"
        pendingClass="plan-pending-file"
        files={files}
        setFiles={setFiles}
        pickWeapp={pickWeappFiles}
      />
      <FormSubmit id="plan-publish" errorId="plan-error" error={error} busy={busy} onClick={publish}>
        发布方案
      </FormSubmit>
    </View>
  );
}

function MeetingForm({ orgId, onDone }: { orgId: string; onDone: () => void }) {
  const [date, setDate] = useState(() => today());
  const [place, setPlace] = useState('');
  const [attendance, setAttendance] = useState('');
  const [summary, setSummary] = useState('');
  const [photos, setPhotos] = useState<PickedFile[]>([]);
  const { busy, error, setError, run } = useAction();

  const save = () => {
    if (busy) return;
    const n = Number(attendance);
    if (!place.trim() || !summary.trim() || !Number.isInteger(n) || n <= 0) {
      setError(new CloudError('INVALID_ARGUMENT', '请填写地点、参会人数（正整数）和会议纪要'));
      return;
    }
    void run(async () => {
      const ids = await uploadAll(orgId, photos);
      await call('campaign', 'recordMeeting', { orgId, date, place: place.trim(), attendance: n, summary: summary.trim(), photos: ids });
      toastOk('已记录');
      setPlace('');
      setAttendance('');
      setSummary('');
      setPhotos([]);
      onDone();
    });
  };

  return (
    <View className="card">
      <Text className="card-title">记录动员会</Text>
      <Field label="日期">
        <Picker mode="date" value={date} onChange={(e) => setDate(String(e.detail.value))}>
          <View id="meeting-date" className="campaign-date">
            <Text className="campaign-date-value">{date}</Text>
          </View>
        </Picker>
      </Field>
      <TextField id="meeting-place" label="地点" value={place} limit={FIELDS.place} onChange={setPlace} />
      <TextField id="meeting-attendance" label="参会人数" type="number" value={attendance} onChange={setAttendance} />
      <Field label="会议纪要">
        <TextArea id="meeting-summary" className={AREA} value={summary} limit={FIELDS.meetingSummary} onChange={setSummary} />
      </Field>
      <PendingFiles
        id="meeting-photos"
        inputId="meeting-file-input"
        label="添加照片"
        accept="image/*"
        pendingClass="meeting-pending-photo"
        files={photos}
        setFiles={setPhotos}
        pickWeapp={pickWeappPhotos}
      />
      <FormSubmit id="meeting-save" errorId="meeting-error" error={error} busy={busy} onClick={save}>
        保存记录
      </FormSubmit>
    </View>
  );
}

function PlanList({ plans }: { plans: PlanView[] }) {
  if (plans.length === 0)
    return (
      <View className="card">
        <Text id="plans-empty" className="muted">
          还没有发布实施方案。
        </Text>
      </View>
    );
  return (
    <View>
      {plans.map((p) => (
        <View key={p.id} id={`plan-${p.orgId}`} className="card plan-item">
          <Text className="tag">{p.orgName}</Text>
          <Text className="plan-title">{p.title}</Text>
          <Text className="plan-body">{p.body}</Text>
          {p.attachments.map((a, i) => (
            <Text
              key={a.fileID}
              className="plan-attachment link"
              onClick={() => void openFileLink({ fileID: a.fileID, url: a.url, fileName: a.fileID.split('/').pop() ?? `附件${i + 1}` })}
            >
              附件 {i + 1}：{a.fileID.split('/').pop()}
            </Text>
          ))}
          <Text className="row-sub">发布于 {formatDate(p.publishedAt)}</Text>
        </View>
      ))}
    </View>
  );
}

function MeetingList({ meetings }: { meetings: MeetingView[] }) {
  if (meetings.length === 0)
    return (
      <View className="card">
        <Text id="meetings-empty" className="muted">
          还没有动员会记录。
        </Text>
      </View>
    );
  return (
    <View>
      {meetings.map((m) => (
        <View key={m.id} id={`meeting-${m.id}`} className="card meeting-item">
          <Text className="plan-title">
            {m.date} · {m.place}
          </Text>
          <Text className="row-sub">参会 {m.attendance} 人</Text>
          <Text className="plan-body">{m.summary}</Text>
          <View className="meeting-photos">
            {m.photos.map((ph) => (
              <Image
                key={ph.fileID}
                className="meeting-photo"
                mode="aspectFill"
                src={ph.url}
                onClick={() => void Taro.previewImage({ urls: m.photos.map((x) => x.url), current: ph.url })}
              />
            ))}
          </View>
        </View>
      ))}
    </View>
  );
}

function Mobilize() {
  const orgId = useParam('orgId');
  const { loading, data, error, reload } = useCloud(async () => {
    const [plans, meetings] = await Promise.all([call('campaign', 'plans', { orgId }), call('campaign', 'meetings', { orgId })]);
    return { plans, meetings };
  }, [orgId]);
  // Plans are published by the committee and the colleges; a branch secretary records the branch's meetings.
  const access = useAccess(orgId);
  if (access.unbound) return <NotBound hint="绑定后可以查看所在组织的实施方案。" />;
  if (error?.code === 'FORBIDDEN') {
    return (
      <NotAllowed title="动员部署由书记和管理员办理" hint="实施方案和动员会由校团委、团总支和团支部书记发布和记录。" onward={TO_MINE} />
    );
  }
  return (
    <PageFrame loading={(loading && !data) || access.loading} error={error ?? access.error} onRetry={() => void reload()}>
      {data ? (
        <View>
          <Text className="section-title">实施方案（自上而下）</Text>
          <PlanList plans={data.plans} />
          {access.can('campaign.publishPlan') ? (
            <PlanForm orgId={orgId} onDone={() => void reload()} />
          ) : (
            <Text id="plan-readonly" className="card muted">
              实施方案由校团委和团总支发布；团支部在这里学习上级方案，并记录本支部的动员会。
            </Text>
          )}
          <Text className="section-title">动员会</Text>
          <MeetingList meetings={data.meetings} />
          {access.can('campaign.recordMeeting') ? <MeetingForm orgId={orgId} onDone={() => void reload()} /> : null}
        </View>
      ) : null}
    </PageFrame>
  );
}

export default function MobilizePage() {
  return (
    <ErrorBoundary>
      <View id="mobilize-page" className="admin-page">
        <Mobilize />
        <PrivacySheet />
      </View>
    </ErrorBoundary>
  );
}
