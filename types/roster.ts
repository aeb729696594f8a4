import type { ImportRowError } from './models';

/** The roster domain: members of a subtree, spreadsheet import and export. */

export interface MemberView {
  id: string;
  studentNo: string;
  name: string;
  branchId: string;
  branchName: string;
  groupId: string | null;
  groupName: string | null;
  isLeagueMember: boolean;
  isCadre: boolean;
  post: string | null;
  bound: boolean;
}

/** Columns of the roster template, in order. 学院 and 班级 locate the branch; 团小组 is optional. */
export const ROSTER_COLUMNS = ['学号', '姓名', '学院', '班级', '团小组', '是否团员', '职务'] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly RosterColumn[] = ['学号', '姓名', '学院', '班级'];

/** Header spellings cadres use for each template column (the template's own name first). */
export const COLUMN_ALIASES: Record<RosterColumn, readonly string[]> = {
  学号: ['学号', '学生编号'],
  姓名: ['姓名'],
  学院: ['学院', '团总支'],
  班级: ['班级', '团支部'],
  团小组: ['团小组'],
  是否团员: ['是否团员', '团员'],
  职务: ['职务', '团干部', '职位'],
};

/**
 * The template's sample rows: 姓名 carries SAMPLE_MARK, and a sample row is skipped by every import and
 * reported as such, so a template uploaded unchanged adds nobody. The pairs also catch the unmarked samples
 * of templates handed out before the mark.
 */
export const SAMPLE_MARK = '（示例）';
export const TEMPLATE_SAMPLES: readonly { 学号: string; 姓名: string }[] = [
  { 学号: '2023019901', 姓名: '张三' },
  { 学号: '2023019902', 姓名: '李四' },
];

export function isSampleRow(studentNo: string, name: string): boolean {
  const n = name.trim();
  if (n.endsWith(SAMPLE_MARK) || n.endsWith('(示例)')) return true;
  return TEMPLATE_SAMPLES.some((s) => s.学号 === studentNo.trim() && s.姓名 === n);
}

/** Something about the header row the dry run tells before anything is imported. */
export interface HeaderProblem {
  /** The header as written (unknown, duplicate) or the template column (missing). */
  column: string;
  kind: 'unknown' | 'missing' | 'duplicate';
  message: string;
}

export interface ImportReport {
  jobId: string;
  fileName: string;
  total: number;
  valid: number;
  errorCount: number;
  /** The first 200 errors, by row. */
  errors: ImportRowError[];
  toCreate: number;
  toUpdate: number;
  unchanged: number;
  /** Rows of the template's samples (row numbers): skipped, never imported. */
  samples: number[];
  /** Unknown, missing optional and duplicate columns: what the file says that will not be imported. */
  headerProblems: HeaderProblem[];
}

export interface ImportProgress {
  jobId: string;
  status: 'previewed' | 'committing' | 'done';
  total: number;
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows not imported because of an error (listed in the preview report). */
  errorCount: number;
  /** Sample rows of the template, skipped. */
  samples: number;
}

export interface FileLink {
  fileID: string;
  /** A temporary download URL. */
  url: string;
  fileName: string;
}

export interface RosterApi {
  listMembers: {
    payload: { orgId: string; keyword?: string; skip?: number; limit?: number };
    result: { items: MemberView[]; total: number; nextSkip: number | null };
  };
  /** Dry run: parse and check every row, write no member. */
  previewImport: { payload: { orgId: string; fileID: string; fileName: string }; result: ImportReport };
  /** Writes the next rows of a previewed import; call until status is 'done'. Safe to repeat. */
  commitImport: { payload: { jobId: string }; result: ImportProgress };
  importStatus: { payload: { jobId: string }; result: ImportProgress };
  template: { payload: Record<string, never>; result: FileLink };
  exportRoster: { payload: { orgId: string }; result: FileLink };
  setCadre: { payload: { memberId: string; isCadre: boolean; post: string | null }; result: MemberView };
}
