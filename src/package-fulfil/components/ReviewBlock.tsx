/**
 * 评诺: the review on record (grade, comment, who, when, earlier versions) and, for the reviewer, the
 * form to write or change it. Stable ids: #review-current, #review-grade-<grade>, #review-comment,
 * #review-submit, #review-error, .review-history.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { FIELDS } from '@contract/fields';
import { GRADES, GRADE_NAMES, type Grade, type ReviewView } from '@contract/fulfil';
import { FormSubmit, TextArea } from '@/components/Form';
import { useAction } from '@/hooks/useAction';
import { CloudError } from '@/services/cloud';
import { formatTime } from '@/utils/date';

interface Props {
  title: string;
  review: ReviewView | null;
  canReview: boolean;
  save: (grade: Grade, comment: string) => Promise<void>;
}

export default function ReviewBlock({ title, review, canReview, save }: Props) {
  const [grade, setGrade] = useState<Grade | null>(review?.grade ?? null);
  const [comment, setComment] = useState(review?.comment ?? '');
  const { busy, error, setError, run } = useAction();
  const submit = () => {
    if (busy) return;
    if (!grade) return setError(new CloudError('INVALID_ARGUMENT', '请选择评定等级'));
    if (!comment.trim()) return setError(new CloudError('INVALID_ARGUMENT', '请填写评语'));
    void run(async () => {
      await save(grade, comment.trim());
      void Taro.showToast({ title: '已保存点评', icon: 'success' });
    });
  };
  return (
    <View className="card review-block">
      <Text className="activity-title">{title}</Text>
      {review ? (
        <View id="review-current">
          <Text className="evidence-line">
            {GRADE_NAMES[review.grade]} · {review.comment}
          </Text>
          <Text className="activity-meta">
            {review.byName} · {formatTime(review.at)} · 第 {review.version} 版
          </Text>
          {review.history.map((h) => (
            <Text key={h.at} className="review-history">
              此前：{GRADE_NAMES[h.grade]} · {h.comment}（{h.byName}，{formatTime(h.at)}）
            </Text>
          ))}
        </View>
      ) : (
        <Text className="form-note">尚未点评。</Text>
      )}
      {canReview ? (
        <View className="fulfil-no-print">
          <View className="grade-row">
            {GRADES.map((g) => (
              <Text key={g} id={`review-grade-${g}`} className={`tag${grade === g ? ' tag-on' : ''}`} onClick={() => setGrade(g)}>
                {GRADE_NAMES[g]}
              </Text>
            ))}
          </View>
          <TextArea
            id="review-comment"
            className="fulfil-textarea"
            value={comment}
            limit={FIELDS.comment}
            placeholder="成绩、问题与努力方向"
            onChange={setComment}
          />
          <FormSubmit id="review-submit" errorId="review-error" error={error} busy={busy} onClick={submit}>
            {review ? '修改点评' : '提交点评'}
          </FormSubmit>
        </View>
      ) : null}
    </View>
  );
}
