/**
 * 导入花名册 page in jsdom against a real HTTP server: the file goes to /api/local/upload, the dry-run
 * report lists every bad row with its row number, and the commit loop shows progress and resumes after
 * an error (also when the page is reopened with a jobId).
 */
import { render, screen, waitFor } from '@testing-library/react';
import RosterImportPage from '../../src/package-admin/import';
import type { OrgDetail } from '../../types/org';
import type { ImportProgress, ImportReport } from '../../types/roster';
import { ADMIN } from '../fixtures/whoami';
import { type Reply } from './api-server';
import { apiServerPerTest, byId, chooseFile, click, failure, success } from './helpers';
import { setRouterParams, storage } from './taro-shim';

const detail: OrgDetail = {
  org: { id: 'org-cs-1', name: '计科2301班团支部', level: 'branch', parentId: 'org-cs', archived: false },
  ancestors: [
    { id: 'org-committee', name: '校团委', level: 'committee', parentId: null, archived: false },
    { id: 'org-cs', name: '计算机学院团总支', level: 'general', parentId: 'org-committee', archived: false },
  ],
  children: [],
  memberCount: 30,
  roles: [],
};

const report: ImportReport = {
  jobId: 'job-1',
  fileName: 'roster.csv',
  total: 209,
  valid: 6,
  errorCount: 203,
  errors: Array.from({ length: 200 }, (_, i) => ({
    row: i + 3,
    studentNo: i === 0 ? null : `20230199${String(i).padStart(2, '0')}`,
    reason: i === 0 ? '缺少学号' : '班级“不存在班”不在本组织内',
  })),
  toCreate: 4,
  toUpdate: 1,
  unchanged: 1,
  samples: [],
  headerProblems: [],
};

const progress = (processed: number, status: ImportProgress['status'] = 'committing'): ImportProgress => ({
  jobId: 'job-1',
  status,
  total: 6,
  processed,
  created: status === 'done' ? 4 : 0,
  updated: status === 'done' ? 1 : 0,
  unchanged: status === 'done' ? 1 : 0,
  errorCount: 203,
  samples: 0,
});

const server = apiServerPerTest();

beforeEach(async () => {
  storage.clear();
  setRouterParams({ orgId: 'org-cs-1' });
  server.handle('/api/functions/org', success(detail));
  server.handle('/api/functions/system', success({ ...ADMIN, roles: [{ role: 'admin', orgId: 'org-committee', orgName: '校团委' }] }));
  server.handle('/api/local/upload', { body: { fileID: 'cloud://local.strive/roster-imports/org-cs-1/x-roster.csv' } });
});

/** roster replies by action; commitImport answers from a queue. */
function rosterRoutes(commits: Reply[], status?: ImportProgress): void {
  server.handle('/api/functions/roster', (body) => {
    const { action } = body as { action: string };
    if (action === 'previewImport') return success(report);
    if (action === 'importStatus' && status) return success(status);
    if (action === 'commitImport') return commits.shift() ?? failure('INTERNAL', 'no more commits queued');
    return failure('UNKNOWN_ACTION', action);
  });
}

const rosterActions = () =>
  server.received.filter((r) => r.url === '/api/functions/roster').map((r) => (r.body as { action: string }).action);

async function pickCsv(): Promise<void> {
  const input = (await waitFor(() => {
    const el = document.getElementById('import-file-input');
    if (!el) throw new Error('no file input yet');
    return el;
  })) as HTMLInputElement;
  expect(input.type).toBe('file');
  expect(input.accept).toBe('.xlsx,.csv');
  chooseFile(input, new File(['学号,姓名,学院,班级\n2023019901,新同学,计算机学院,计科2301班\n'], 'roster.csv', { type: 'text/csv' }));
  await waitFor(() => expect(byId('import-report')).not.toBeNull());
}

test('the report shows the totals and every bad row with its row number', async () => {
  rosterRoutes([]);
  render(<RosterImportPage />);
  await waitFor(() => expect(byId('import-org-name')?.textContent).toBe('计算机学院团总支 / 计科2301班团支部'));
  await pickCsv();

  const upload = server.received.find((r) => r.url.startsWith('/api/local/upload'));
  expect(upload?.method).toBe('POST');
  expect(decodeURIComponent(upload?.url ?? '')).toMatch(/cloudPath=roster-imports\/org-cs-1\/\d{8}-[a-z0-9]+-roster\.csv$/);
  expect(upload?.body).toContain('2023019901,新同学');
  const preview = server.received.find((r) => r.url === '/api/functions/roster');
  expect(preview?.body).toEqual({
    action: 'previewImport',
    payload: { orgId: 'org-cs-1', fileID: 'cloud://local.strive/roster-imports/org-cs-1/x-roster.csv', fileName: 'roster.csv' },
  });

  expect(byId('import-to-create')?.textContent).toBe('4');
  expect(byId('import-to-update')?.textContent).toBe('1');
  expect(byId('import-unchanged')?.textContent).toBe('1');
  expect(byId('import-error-count')?.textContent).toBe('203');
  const rows = document.querySelectorAll('.import-error-row');
  expect(rows).toHaveLength(200);
  const first = byId('import-error-row-3');
  expect(first?.querySelector('.import-error-line')?.textContent).toBe('第 3 行');
  expect(first?.querySelector('.import-error-student-no')?.textContent).toBe('—');
  expect(first?.querySelector('.import-error-reason')?.textContent).toBe('缺少学号');
  const last = byId('import-error-row-202');
  expect(last?.querySelector('.import-error-student-no')?.textContent).toBe('20230199199');
  expect(byId('import-errors-more')?.textContent).toContain('另有 3 行');
  expect(byId('import-commit')?.textContent).toContain('确认导入 6 行');
  // A dry run writes nothing: no commit yet.
  expect(rosterActions()).toEqual(['previewImport']);
});

test('the commit loop shows progress, stops on an error and 继续导入 resumes until done', async () => {
  rosterRoutes([success(progress(2)), failure('INTERNAL', '', 'req-boom'), success(progress(4)), success(progress(6, 'done'))]);
  render(<RosterImportPage />);
  await pickCsv();
  click('import-commit');

  await waitFor(() => expect(byId('import-loop-error')?.textContent).toContain('服务器开小差了'));
  expect(byId('import-progress-text')?.textContent).toBe('2 / 6');
  expect((document.querySelector('.import-progress-bar') as HTMLElement).style.width).toBe('33%');
  // Remembered on the device so that reopening the page offers to resume.
  expect(storage.get('roster-import-job:org-cs-1')).toBe('job-1');

  click('import-resume');
  await waitFor(() => expect(byId('import-done')).not.toBeNull());
  expect(byId('import-done-summary')?.textContent).toBe('新增 4 人，更新 1 人，无变化 1 人');
  expect(rosterActions()).toEqual(['previewImport', 'commitImport', 'commitImport', 'commitImport', 'commitImport']);
  expect(
    server.received
      .filter((r) => (r.body as { action?: string } | null)?.action === 'commitImport')
      .every((r) => JSON.stringify(r.body) === JSON.stringify({ action: 'commitImport', payload: { jobId: 'job-1' } })),
  ).toBe(true);
  expect(storage.has('roster-import-job:org-cs-1')).toBe(false);
});

test('reopened with a jobId: shows where the import stands and 继续导入 finishes it', async () => {
  setRouterParams({ orgId: 'org-cs-1', jobId: 'job-1' });
  rosterRoutes([success(progress(5)), success(progress(6, 'done'))], progress(3));
  render(<RosterImportPage />);
  await waitFor(() => expect(byId('import-progress-text')?.textContent).toBe('3 / 6'));
  expect(screen.getByText('导入未完成')).toBeTruthy();
  click('import-resume');
  await waitFor(() => expect(byId('import-done')).not.toBeNull());
  expect(rosterActions()).toEqual(['importStatus', 'commitImport', 'commitImport']);
});

test('an upload failure is shown and the picker stays available', async () => {
  server.handle('/api/local/upload', { status: 401, body: { errCode: -501000, errMsg: '请先登录', code: 'UNAUTHENTICATED' } });
  rosterRoutes([]);
  render(<RosterImportPage />);
  const input = (await waitFor(() => {
    const el = document.getElementById('import-file-input');
    if (!el) throw new Error('no file input yet');
    return el;
  })) as HTMLInputElement;
  chooseFile(input, new File(['x'], 'roster.csv', { type: 'text/csv' }));
  await waitFor(() => expect(byId('import-pick-error')?.textContent).toBe('请先登录'));
  expect(document.getElementById('import-file-input')).not.toBeNull();
  expect(rosterActions()).toEqual([]);
});

test('a file that is not a spreadsheet is refused without uploading', async () => {
  rosterRoutes([]);
  render(<RosterImportPage />);
  const input = (await waitFor(() => {
    const el = document.getElementById('import-file-input');
    if (!el) throw new Error('no file input yet');
    return el;
  })) as HTMLInputElement;
  chooseFile(input, new File(['x'], 'photo.png', { type: 'image/png' }));
  await waitFor(() => expect(byId('import-pick-error')?.textContent).toContain('.xlsx 或 .csv'));
  expect(server.received.some((r) => r.url.startsWith('/api/local/upload'))).toBe(false);
});
