/**
 * The fields people type, each with its Chinese label and the server's limits, in one place: the payload
 * schemas are built from these (cloudfunctions/shared/fields.ts textOf) and the app's inputs take their
 * maxlength, counter and stated rule from the same entry, so a form can never allow what the server
 * refuses, nor hide a minimum until the user fails it.
 */

export interface TextLimit {
  /** What the person calls the field; every refusal names it. */
  label: string;
  /** Most characters (UTF-16 units, as the database and an input's maxlength count). */
  max: number;
  /** Fewest characters after trimming; 0 lets an empty string through. Default 1. */
  min?: number;
  /** Keeps tab and line breaks. */
  multiline?: boolean;
}

export const FIELDS = {
  orgName: { label: '组织名称', max: 30 },
  personName: { label: '姓名', max: 30 },
  staffTitle: { label: '职务', max: 30 },
  /** A member's post in the roster (团支书, 组织委员). */
  post: { label: '职务', max: 10 },
  /** A roster's student numbers are 8–20 digits (roster/check.ts STUDENT_NO). */
  studentNo: { label: '学号', max: 20 },
  inviteCode: { label: '邀请码', min: 4, max: 16 },
  releaseNote: { label: '说明', min: 0, max: 200, multiline: true },
  keyword: { label: '关键词', min: 0, max: 32 },
  campaignTitle: { label: '活动名称', max: 60 },
  phaseName: { label: '阶段名称', max: 60 },
  roundTheme: { label: '承诺主题', max: 100 },
  planTitle: { label: '标题', max: 60 },
  planBody: { label: '正文', max: 5000, multiline: true },
  /** Where a meeting or an activity took place. */
  place: { label: '地点', max: 50 },
  meetingSummary: { label: '会议纪要', max: 2000, multiline: true },
  activityTitle: { label: '活动名称', max: 40 },
  activityBody: { label: '活动内容', max: 2000, multiline: true },
  checkInText: { label: '践诺内容', max: 500, multiline: true },
  /** 评语: of a review, or of the parent on a child org's summary. */
  comment: { label: '评语', max: 500, multiline: true },
  summaryText: { label: '总结', max: 5000, multiline: true },
  /** One 四好 item of an org pledge; the label is the good's name (FOUR_GOOD_NAMES). */
  fourGood: { label: '“四好”承诺', min: 5, max: 500, multiline: true },
  /** One commitment of a member's 四带头 pledge; the campaign's rule sets the real minimum. */
  commitment: { label: '承诺内容', min: 0, max: 200, multiline: true },
  signatureName: { label: '签名', max: 30 },
  evaluationTitle: { label: '评议名称', max: 40 },
  /** An anonymous comment on a ballot, shown in the results without any identity. */
  evaluationComment: { label: '意见建议', min: 0, max: 200, multiline: true },
  closeReason: { label: '提前结束的原因', max: 100 },
} as const satisfies Record<string, TextLimit>;

/** Commitments a member may write under one lead. */
export const MAX_ITEMS_PER_LEAD = 10;

/** Bounds of the pledge rule an admin sets (活动设置 → 承诺标准). */
export const RULE_LIMITS = {
  itemsPerLead: { label: '每项承诺条数', min: 1, max: MAX_ITEMS_PER_LEAD },
  minLength: { label: '每条最少字数', min: 1, max: FIELDS.commitment.max },
} as const;

/**
 * Labels of payload keys whose schema has no `.describe()` of its own (dates inside a window, paging,
 * switches): a refusal still names them in Chinese. The last resort for a key nobody labelled is
 * UNLABELLED; a Latin path never reaches the person.
 */
export const KEY_LABELS: Readonly<Record<string, string>> = {
  campaign: '活动设置',
  phases: '活动时期',
  stages: '活动阶段',
  rounds: '承诺轮次',
  rules: '承诺标准',
  member: '普通团员标准',
  cadre: '团干部标准',
  itemsPerLead: RULE_LIMITS.itemsPerLead.label,
  minLength: RULE_LIMITS.minLength.label,
  start: '开始日期',
  end: '结束日期',
  deadline: '截止日期',
  key: '编号',
  name: '名称',
  title: '标题',
  items: '承诺内容',
  signature: '签名',
  kind: '签名方式',
  includeArchived: '是否含已撤销组织',
  skip: '分页位置',
  limit: '每页条数',
  cursor: '分页位置',
  autoRotate: '自动更换',
  answers: '评议对象',
  choice: '评价',
  scores: '评分',
  form: '评议方式',
  electorate: '参评范围',
  receipt: '回执码',
};

export const UNLABELLED = '提交的内容';
