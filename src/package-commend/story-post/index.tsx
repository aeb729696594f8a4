/**
 * 发布先进典型 (secretaries and the committee): a title, the story, up to 9 photos (uploaded to the org's story
 * folder, checked like activity photos) and, from an award's or an activity's page, what it is about.
 * Query: ?orgId=&awardId=|activityId=
 * Stable ids: #story-post-page, #story-title, #story-body, #story-photos-input (H5), #story-source, #story-submit, #story-error
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { COMMEND_FIELDS, MAX_STORY_PHOTOS, storyFolder } from '@contract/commend';
import ErrorBoundary from '@/components/ErrorBoundary';
import { Field, FormSubmit, TextArea, TextField } from '@/components/Form';
import NotAllowed, { NotBound } from '@/components/NotAllowed';
import PageFrame from '@/components/PageFrame';
import PrivacySheet from '@/components/PrivacySheet';
import { useAccess } from '@/hooks/useAccess';
import { useAction } from '@/hooks/useAction';
import { useParam } from '@/hooks/useParam';
import { routes } from '@/routes';
import { CloudError, call } from '@/services/cloud';
import PhotoPicker, { allUploaded, type PhotoTile } from '../../package-fulfil/components/PhotoPicker';
import '../commend.scss';

function StoryForm({ orgId }: { orgId: string }) {
  const awardId = useParam('awardId');
  const activityId = useParam('activityId');
  const source = awardId ? { kind: 'award' as const, id: awardId } : activityId ? { kind: 'activity' as const, id: activityId } : null;
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [photos, setPhotos] = useState<PhotoTile[]>([]);
  const { busy, error, setError, run } = useAction();
  const submit = () => {
    if (!title.trim()) return setError(new CloudError('INVALID_ARGUMENT', `请填写${COMMEND_FIELDS.storyTitle.label}`));
    if (!allUploaded(photos)) return setError(new CloudError('INVALID_ARGUMENT', '还有照片没有上传完成，请稍候或点按失败的照片重试'));
    void run(async () => {
      await call('commend', 'publishStory', {
        orgId,
        title: title.trim(),
        body: body.trim(),
        photos: photos.map((p) => p.fileID ?? ''),
        source,
      });
      void Taro.showToast({ title: '已发布，照片审核中', icon: 'success' });
      void Taro.redirectTo({ url: routes.stories() });
    });
  };
  return (
    <View>
      <View className="card">
        {source ? (
          <Text id="story-source" className="tag tag-on">
            来源：{source.kind === 'award' ? '表彰' : '活动'}
          </Text>
        ) : null}
        <TextField
          id="story-title"
          label={COMMEND_FIELDS.storyTitle.label}
          value={title}
          limit={COMMEND_FIELDS.storyTitle}
          onChange={setTitle}
        />
        <Field label={COMMEND_FIELDS.storyBody.label}>
          <TextArea
            id="story-body"
            className="fulfil-textarea"
            value={body}
            limit={COMMEND_FIELDS.storyBody}
            placeholder="先进事迹、成效和带动作用"
            onChange={setBody}
          />
        </Field>
      </View>
      <Text className="section-title">照片（最多 {MAX_STORY_PHOTOS} 张，自动压缩后上传）</Text>
      <View className="card">
        <PhotoPicker
          id="story-photos"
          folder={storyFolder(orgId)}
          max={MAX_STORY_PHOTOS}
          tiles={photos}
          onChange={(update) => setPhotos(update)}
        />
      </View>
      <View className="card">
        <FormSubmit
          id="story-submit"
          errorId="story-error"
          error={error}
          busy={busy}
          onClick={submit}
          note="文字和照片经内容安全审核后，全校团员青年都能看到。"
        >
          发布
        </FormSubmit>
      </View>
    </View>
  );
}

function Gate() {
  const orgId = useParam('orgId');
  const access = useAccess(orgId);
  if (access.unbound) return <NotBound hint="绑定后，团干部可以在这里发布先进典型。" />;
  if (access.loading || access.error)
    return <PageFrame loading={access.loading} error={access.error} onRetry={() => void access.reload()} />;
  if (!access.can('commend.publishStory')) {
    return (
      <NotAllowed
        title="先进典型由团干部发布"
        hint="团支部书记、团总支书记和校团委可以发布本组织的先进典型，你可以在先进典型中学习榜样事迹。"
        onward={{ text: '查看先进典型', url: routes.stories() }}
      />
    );
  }
  return <StoryForm orgId={orgId} />;
}

export default function StoryPostPage() {
  return (
    <ErrorBoundary>
      <View id="story-post-page" className="fulfil">
        <PrivacySheet />
        <Gate />
      </View>
    </ErrorBoundary>
  );
}
