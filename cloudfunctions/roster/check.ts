/**
 * Checks every row of a roster table against the org tree, the importer's scope and the members already
 * stored, and says for each row either what it would change or why it is refused. Pure: all data comes in.
 */
import { FIELDS } from '../../types/fields';
import type { ImportRowError, Member, Org, RosterRow } from '../../types/models';
import { COLUMN_ALIASES, REQUIRED_COLUMNS, ROSTER_COLUMNS, type HeaderProblem, type RosterColumn } from '../../types/roster';
import { lineage } from '../../types/scope';
import { AppError } from '../shared/errors';
import type { Table } from './table';

export const STUDENT_NO = /^\d{8,20}$/;
/** As the bind and cadre forms allow: an imported name longer than the bind form takes could never bind. */
export const MAX_NAME = FIELDS.personName.max;
export const MAX_POST = FIELDS.post.max;

export type ColumnIndex = Partial<Record<RosterColumn, number>>;

/** Full-width ASCII (２０２３, Ａ) and the ideographic space, as Chinese input methods type them, to plain ASCII. */
export function halfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** A header cell as people vary it: BOM, spaces, full-width letters, a required mark (学号*, 学号（必填）). */
function headerKey(raw: string): string {
  return halfWidth(raw.replace(/^\uFEFF/, ''))
    .replace(/\s+/g, '')
    .replace(/\((必填|选填)\)$|\*$/, '');
}

const COLUMN_OF = new Map<string, RosterColumn>(ROSTER_COLUMNS.flatMap((c) => COLUMN_ALIASES[c].map((alias) => [alias, c] as const)));

/** What an optional column's absence means, said before the import rather than discovered after. */
const MISSING_OPTIONAL: Partial<Record<RosterColumn, string>> = {
  团小组: '缺少“团小组”列：已有团员的团小组保持不变，新成员不分团小组',
  是否团员: '缺少“是否团员”列：已有成员保持原状，新成员都按团员导入',
  职务: '缺少“职务”列：已有成员的职务保持不变，新成员都按非团干部导入',
};

const TEMPLATE_HINT = `表头应包含 ${REQUIRED_COLUMNS.join('、')}，可选 ${ROSTER_COLUMNS.filter((c) => !REQUIRED_COLUMNS.includes(c)).join('、')}`;

export interface HeaderCheck {
  columns: ColumnIndex;
  problems: HeaderProblem[];
}

/**
 * Finds each known column in the header, in any order and under the names cadres use (团员 for 是否团员,
 * 团干部 for 职务, …). A missing required column refuses the file; unknown, duplicate and missing optional
 * columns are reported by the dry run, so nobody imports a file whose columns were silently dropped.
 */
export function readHeader(header: string[]): HeaderCheck {
  const columns: ColumnIndex = {};
  const problems: HeaderProblem[] = [];
  header.forEach((raw, i) => {
    const key = headerKey(raw);
    if (!key) return;
    const column = COLUMN_OF.get(key);
    const shown = raw.replace(/^\uFEFF/, '').trim();
    if (!column) {
      problems.push({ column: shown, kind: 'unknown', message: `未识别的列“${shown}”（第 ${i + 1} 列），不会导入` });
    } else if (columns[column] !== undefined) {
      const first = (columns[column] ?? 0) + 1;
      problems.push({
        column: shown,
        kind: 'duplicate',
        message: `第 ${i + 1} 列“${shown}”与第 ${first} 列都表示“${column}”，只读取第 ${first} 列`,
      });
    } else {
      columns[column] = i;
    }
  });
  const missing = REQUIRED_COLUMNS.filter((c) => columns[c] === undefined);
  if (missing.length > 0) {
    const unknown = problems.filter((p) => p.kind === 'unknown').map((p) => p.column);
    const also = unknown.length > 0 ? `；未识别的列：${unknown.join('、')}` : '';
    throw new AppError('INVALID_ARGUMENT', `表格缺少必需的列：${missing.join('、')}（${TEMPLATE_HINT}${also}）`, 'fileID');
  }
  for (const c of ROSTER_COLUMNS) {
    const why = MISSING_OPTIONAL[c];
    if (why && columns[c] === undefined) problems.push({ column: c, kind: 'missing', message: why });
  }
  return { columns, problems };
}

/** Looks orgs up by the short names people type: 计算机学院 → 计算机学院团总支, 计科2301班 → 计科2301班团支部. */
export class OrgTree {
  private readonly byId = new Map<string, Org>();
  private readonly childrenOf = new Map<string, Org[]>();
  readonly generals: Org[];

  constructor(all: Org[]) {
    for (const o of all) {
      this.byId.set(o._id, o);
      if (o.parentId) {
        const list = this.childrenOf.get(o.parentId) ?? [];
        list.push(o);
        this.childrenOf.set(o.parentId, list);
      }
    }
    this.generals = all.filter((o) => o.level === 'general');
  }

  get(id: string): Org | undefined {
    return this.byId.get(id);
  }

  children(id: string, level: Org['level']): Org[] {
    return (this.childrenOf.get(id) ?? []).filter((o) => o.level === level);
  }

  /** An exact name wins; otherwise the one org whose name starts with the text (several: ambiguous → none). */
  static match(candidates: Org[], text: string): Org | undefined {
    if (!text) return undefined;
    const exact = candidates.find((o) => o.name === text);
    if (exact) return exact;
    const prefixed = candidates.filter((o) => o.name.startsWith(text));
    return prefixed.length === 1 ? prefixed[0] : undefined;
  }
}

/** What a post cell says when the person holds none. */
const NOT_CADRE = new Set(['', '否', '无']);

/** A row with its cells read and its own fields checked; existing members are not consulted yet. */
interface Candidate {
  row: number;
  studentNo: string;
  reasons: string[];
  fields: Omit<RosterRow, 'row' | 'studentNo' | 'change'> & {
    /** Which optional columns the file has: an absent column keeps what is stored. */
    hasGroup: boolean;
    leagueGiven: boolean;
    hasPost: boolean;
  };
}

export interface CheckResult {
  total: number;
  rows: RosterRow[];
  errors: ImportRowError[];
}

/** Reads and checks the fields of each row; returns the candidates and the student numbers worth looking up. */
export function checkRows(table: Table, columns: ColumnIndex, tree: OrgTree, scope: Org): Candidate[] {
  const cell = (cells: string[], col: RosterColumn): string => {
    const i = columns[col];
    const text = i === undefined ? '' : (cells[i] ?? '').trim();
    // Numbers and org names may come typed full-width (２０２３０１); a person's name and post stay as written.
    return col === '姓名' || col === '职务' ? text : halfWidth(text).trim();
  };
  const firstRowOf = new Map<string, number>();
  return table.rows.map(({ row, cells }) => {
    const reasons: string[] = [];
    const studentNo = cell(cells, '学号');
    const name = cell(cells, '姓名');
    const collegeText = cell(cells, '学院');
    const classText = cell(cells, '班级');
    const groupText = cell(cells, '团小组');
    const leagueText = cell(cells, '是否团员');
    const postText = cell(cells, '职务');

    if (!studentNo) reasons.push('缺少学号');
    else if (!STUDENT_NO.test(studentNo)) reasons.push(`学号格式不正确（应为 8–20 位数字）：${studentNo}`);
    else {
      const first = firstRowOf.get(studentNo);
      if (first !== undefined) reasons.push(`文件内学号重复（与第 ${first} 行相同）`);
      else firstRowOf.set(studentNo, row);
    }
    if (!name) reasons.push('缺少姓名');
    else if (name.length > MAX_NAME) reasons.push(`姓名过长（最多 ${MAX_NAME} 个字）`);

    let branch: Org | undefined;
    let group: Org | undefined;
    if (!collegeText) reasons.push('缺少学院');
    if (!classText) reasons.push('缺少班级');
    if (collegeText && classText) {
      const college = OrgTree.match(tree.generals, collegeText);
      branch = college ? OrgTree.match(tree.children(college._id, 'branch'), classText) : undefined;
      if (!college) reasons.push(`学院在组织树中不存在：${collegeText}`);
      else if (!branch) reasons.push(`班级在组织树中不存在：${collegeText} ${classText}`);
      else if (!lineage(branch).includes(scope._id)) {
        reasons.push(`班级不在本次导入的范围（${scope.name}）内：${branch.name}`);
        branch = undefined;
      }
    }
    if (branch && groupText) {
      group = OrgTree.match(tree.children(branch._id, 'group'), groupText);
      if (!group) reasons.push(`团小组不存在：${groupText}`);
    }
    let isLeagueMember = true;
    if (leagueText === '否') isLeagueMember = false;
    else if (leagueText !== '' && leagueText !== '是') reasons.push(`是否团员只能填“是”或“否”：${leagueText}`);
    // A 团干部 column may say 是/否 rather than the post.
    const isCadre = !NOT_CADRE.has(postText);
    const post = !isCadre ? null : postText === '是' ? '团干部' : postText;
    if ((post ?? '').length > MAX_POST) reasons.push(`职务过长（最多 ${MAX_POST} 个字）`);

    return {
      row,
      studentNo,
      reasons,
      fields: {
        name,
        branchId: branch?._id ?? '',
        groupId: group?._id ?? null,
        orgPath: branch ? lineage(branch) : [],
        isLeagueMember,
        isCadre,
        post,
        hasGroup: columns['团小组'] !== undefined,
        leagueGiven: leagueText !== '',
        hasPost: columns['职务'] !== undefined,
      },
    };
  });
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The fields of `next` that differ from the stored member: what an update writes, and nothing else. */
export function changedFields(current: Member, next: Omit<RosterRow, 'row' | 'change'>): Partial<Member> {
  const diff: Partial<Member> = {};
  if (current.name !== next.name) diff.name = next.name;
  if (current.branchId !== next.branchId) diff.branchId = next.branchId;
  if ((current.groupId ?? null) !== next.groupId) diff.groupId = next.groupId;
  if (!sameList(current.orgPath ?? [], next.orgPath)) diff.orgPath = next.orgPath;
  if (current.isLeagueMember !== next.isLeagueMember) diff.isLeagueMember = next.isLeagueMember;
  if (current.isCadre !== next.isCadre) diff.isCadre = next.isCadre;
  if ((current.post ?? null) !== next.post) diff.post = next.post;
  return diff;
}

/**
 * Completes the check with the members already stored: a number in another branch is refused (a transfer
 * is an explicit act, never a side effect of an import), and every valid row gets its change.
 */
export function resolveRows(candidates: Candidate[], existing: Map<string, Member>, tree: OrgTree): CheckResult {
  const rows: RosterRow[] = [];
  const errors: ImportRowError[] = [];
  for (const c of candidates) {
    const current = c.reasons.length === 0 ? existing.get(c.studentNo) : undefined;
    if (current && current.branchId !== c.fields.branchId) {
      c.reasons.push(`已在其他团支部：${tree.get(current.branchId)?.name ?? current.branchId}`);
    }
    if (c.reasons.length > 0) {
      errors.push({ row: c.row, studentNo: c.studentNo || null, reason: c.reasons.join('；') });
      continue;
    }
    const f = c.fields;
    const next: Omit<RosterRow, 'row' | 'change'> = {
      studentNo: c.studentNo,
      name: f.name,
      branchId: f.branchId,
      // Optional columns the file lacks keep what is stored (a bare 4-column roster must not wipe groups or cadres).
      groupId: f.hasGroup || !current ? f.groupId : current.groupId,
      orgPath: f.orgPath,
      isLeagueMember: f.leagueGiven || !current ? f.isLeagueMember : current.isLeagueMember,
      isCadre: f.hasPost || !current ? f.isCadre : current.isCadre,
      post: f.hasPost || !current ? f.post : current.post,
    };
    const change = !current ? 'create' : Object.keys(changedFields(current, next)).length > 0 ? 'update' : 'unchanged';
    rows.push({ row: c.row, ...next, change });
  }
  return { total: candidates.length, rows, errors };
}
