/**
 * 发布活动 (branch or general-branch secretary, on a phone): title, date, place, what happened, up to 9
 * photos (camera or album, compressed, each with its upload progress and retry), the members who took
 * part (picked from the roster with search), and the 四好 / 四带头 items it fulfils. The activity is
 * created only when every photo is in storage. The draft (fields and uploaded photos) survives leaving.
 * Query: ?orgId=&roundKey=
 * Stable ids: #post-page, #post-title, #post-date, #post-place, #post-body, #post-photos-input (H5),
 *   .photo-tile, #post-good-<good>, #post-lead-<lead>, #post-attendee-search, .pick-row (id post-pick-<id>),
 *   #post-attendee-count, #post-submit, #post-error, #post-waiting
 */
import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Picker, Text, View } from '@tarojs/components';
import { FIELDS } from '@contract/fields';
import { activityFolder, activityThumbFolder, MAX_ACTIVITY_PHOTOS, type ActivityContent, type Attendee } from '@contract/fulfil';
import { FOUR_GOODS, FOUR_GOOD_NAMES, FOUR_LEADS, FOUR_LEAD_NAMES } from '@contract/models';
import type { MemberView } from '@contract/roster';
import ErrorBoundary from '@/components/ErrorBoundary';
import NotAllowed, { NotBound } from '@/components/NotAllowed';
import PageFrame from '@/components/PageFrame';
import PrivacySheet from '@/components/PrivacySheet';
import { Field, FormSubmit, TextArea, TextField } from '@/components/Form';
import { useAccess } from '@/hooks/useAccess';
import { useAction } from '@/hooks/useAction';
import { useParam } from '@/hooks/useParam';
import { routes } from '@/routes';
import { CloudError, call } from '@/services/cloud';
import { today } from '@/utils/date';
import PhotoPicker, { allUploaded, thumbsOf, type PhotoTile } from '../components/PhotoPicker';
import '../fulfil.scss';

/** The activity as typed so far: its content, the members picked (with names, for the list) and the photo tiles. */
interface Draft extends ActivityContent {
  attendees: Attendee[];
  photos: PhotoTile[];
}

const draftKey = (orgId: string) => `fulfil-draft:${orgId}`;
const emptyDraft = (): Draft => ({ title: '', date: today(), place: '', body: '', goods: [], leads: [], attendees: [], photos: [] });

function readDraft(orgId: string): Draft {
  try {
    const saved: unknown = Taro.getStorageSync(draftKey(orgId));
    if (saved && typeof saved === 'object') return { ...emptyDraft(), ...(saved as Partial<Draft>) };
  } catch {
    // no storage: start empty
  }
  return emptyDraft();
}

/** Keeps what can come back: the fields and the photos already in storage (a half-sent one is picked again). */
function saveDraft(orgId: string, d: Draft): void {
  const photos = d.photos.filter((p) => p.status === 'done' && p.fileID).map(({ file: _file, ...rest }) => rest);
  try {
    Taro.setStorageSync(draftKey(orgId), { ...d, photos });
  } catch {
    // a full storage loses the draft, not the post
  }
}

function toggle<T>(list: T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}

function AttendeePicker({
  orgId,
  value,
  onChange,
}: {
  orgId: string;
  value: Draft['attendees'];
  onChange: (v: Draft['attendees']) => void;
}) {
  const [keyword, setKeyword] = useState('');
  const [found, setFound] = useState<MemberView[]>([]);
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      call('roster', 'listMembers', { orgId, keyword: keyword.trim() || undefined, limit: 50 })
        .then((r) => live && setFound(r.items))
        .catch(() => live && setFound([]));
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [orgId, keyword]);
  const chosen = new Set(value.map((v) => v.id));
  return (
    <View>
      <Input
        id="post-attendee-search"
        className="field-input"
        value={keyword}
        placeholder="按姓名或学号搜索"
        onInput={(e) => setKeyword(e.detail.value)}
      />
      <Text id="post-attendee-count" className="form-note">
        已选 {value.length} 人{value.length ? `：${value.map((v) => v.name).join('、')}` : ''}
      </Text>
      <View className="pick-list">
        {found.map((m) => (
          <View
            key={m.id}
            id={`post-pick-${m.id}`}
            className={`pick-row${chosen.has(m.id) ? ' pick-row-on' : ''}`}
            onClick={() => onChange(chosen.has(m.id) ? value.filter((v) => v.id !== m.id) : [...value, { id: m.id, name: m.name }])}
          >
            <Text>
              {m.name} · {m.studentNo}
            </Text>
            <Text>{chosen.has(m.id) ? '已选' : '选择'}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

function PostForm() {
  const orgId = useParam('orgId');
  const roundKey = useParam('roundKey');
  const [draft, setDraft] = useState<Draft>(() => readDraft(orgId));
  const { busy, error, setError, run } = useAction();
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));

  useEffect(() => saveDraft(orgId, draft), [orgId, draft]);

  const uploading = !allUploaded(draft.photos);
  const submit = () => {
    if (busy) return;
    if (!draft.title.trim()) return setError(new CloudError('INVALID_ARGUMENT', `请填写${FIELDS.activityTitle.label}`, { field: 'title' }));
    if (!draft.body.trim()) return setError(new CloudError('INVALID_ARGUMENT', `请填写${FIELDS.activityBody.label}`, { field: 'body' }));
    if (uploading) return setError(new CloudError('INVALID_ARGUMENT', '还有照片没有上传完成，请稍候或点按失败的照片重试'));
    void run(async () => {
      await call('fulfil', 'postActivity', {
        orgId,
        roundKey,
        title: draft.title.trim(),
        date: draft.date,
        place: draft.place.trim() || '—',
        body: draft.body.trim(),
        goods: draft.goods,
        leads: draft.leads,
        attendeeIds: draft.attendees.map((a) => a.id),
        photos: draft.photos.map((p) => p.fileID ?? ''),
        thumbs: thumbsOf(draft.photos),
      });
      Taro.removeStorageSync(draftKey(orgId));
      void Taro.showToast({ title: '已发布，照片审核中', icon: 'success' });
      void Taro.redirectTo({ url: routes.fulfilFeed(orgId) });
    });
  };

  return (
    <View>
      <View className="card">
        <TextField
          id="post-title"
          label={FIELDS.activityTitle.label}
          value={draft.title}
          limit={FIELDS.activityTitle}
          onChange={(title) => set({ title })}
        />
        <Field label="活动日期">
          <Picker mode="date" value={draft.date} end={today()} onChange={(e) => set({ date: String(e.detail.value) })}>
            <View id="post-date" className="field-input">
              <Text>{draft.date}</Text>
            </View>
          </Picker>
        </Field>
        <TextField
          id="post-place"
          label={FIELDS.place.label}
          value={draft.place}
          limit={FIELDS.place}
          onChange={(place) => set({ place })}
        />
        <Field label={FIELDS.activityBody.label}>
          <TextArea
            id="post-body"
            className="fulfil-textarea"
            value={draft.body}
            limit={FIELDS.activityBody}
            placeholder="做了什么、效果如何"
            onChange={(body) => set({ body })}
          />
        </Field>
      </View>

      <Text className="section-title">照片（最多 {MAX_ACTIVITY_PHOTOS} 张，自动压缩后上传）</Text>
      <View className="card">
        <PhotoPicker
          id="post-photos"
          folder={activityFolder(orgId)}
          thumbFolder={activityThumbFolder(orgId)}
          max={MAX_ACTIVITY_PHOTOS}
          tiles={draft.photos}
          onChange={(update) => setDraft((d) => ({ ...d, photos: update(d.photos) }))}
        />
      </View>

      <Text className="section-title">践行的“四好”承诺</Text>
      <View className="card tag-row">
        {FOUR_GOODS.map((g) => (
          <Text
            key={g}
            id={`post-good-${g}`}
            className={`tag${draft.goods.includes(g) ? ' tag-on' : ''}`}
            onClick={() => set({ goods: toggle(draft.goods, g) })}
          >
            {FOUR_GOOD_NAMES[g]}
          </Text>
        ))}
      </View>
      <Text className="section-title">参加者可计入的“四带头”事项</Text>
      <View className="card tag-row">
        {FOUR_LEADS.map((l) => (
          <Text
            key={l}
            id={`post-lead-${l}`}
            className={`tag${draft.leads.includes(l) ? ' tag-on' : ''}`}
            onClick={() => set({ leads: toggle(draft.leads, l) })}
          >
            {FOUR_LEAD_NAMES[l]}
          </Text>
        ))}
      </View>

      <Text className="section-title">参加人员</Text>
      <View className="card">
        <AttendeePicker orgId={orgId} value={draft.attendees} onChange={(attendees) => set({ attendees })} />
      </View>

      <View className="card">
        {uploading && draft.photos.length ? (
          <Text id="post-waiting" className="form-note">
            照片上传完成后才能发布。
          </Text>
        ) : null}
        <FormSubmit
          id="post-submit"
          errorId="post-error"
          error={error}
          busy={busy}
          onClick={submit}
          note="照片经内容安全审核通过后，组织内其他人才能看到；审核中的照片仅你和书记可见。"
        >
          发布活动
        </FormSubmit>
      </View>
    </View>
  );
}

/** Only those postActivity accepts get the form; members are pointed to their own check-in. */
function Gate() {
  const orgId = useParam('orgId');
  const roundKey = useParam('roundKey');
  const access = useAccess(orgId);
  if (access.unbound) return <NotBound hint="绑定后，团支部书记可以在这里发布本支部的活动和照片。" />;
  if (access.loading || access.error) {
    return <PageFrame loading={access.loading} error={access.error} onRetry={() => void access.reload()} />;
  }
  if (!access.can('fulfil.postActivity')) {
    const member = access.can('fulfil.checkIn', null);
    return (
      <NotAllowed
        title="发布活动由书记办理"
        hint={`组织的活动和照片由团支部书记、团总支书记或管理员发布。${member ? '你的个人践诺请用“践诺打卡”记录。' : '你可以在践诺动态中查看已发布的活动。'}`}
        onward={
          member ? { text: '去践诺打卡', url: routes.fulfilCheckIn(roundKey) } : { text: '查看践诺动态', url: routes.fulfilFeed(orgId) }
        }
      />
    );
  }
  return <PostForm />;
}

export default function PostPage() {
  return (
    <ErrorBoundary>
      <View id="post-page" className="fulfil">
        <PrivacySheet />
        <Gate />
      </View>
    </ErrorBoundary>
  );
}
