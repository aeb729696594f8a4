import type { ImportProgress, ImportReport, MemberView } from '../../types/roster';
import { seededEmulator, okData, ADMIN } from '../support/emulator';
import { csRow, csvGbk, csvUtf8, HEADER, upload, xlsx, type Row, importer } from '../fixtures/roster/make';

const env = seededEmulator();
const { emu } = env;

const { preview, commitAll } = importer(() => emu, ADMIN);
const SEC_CS1 = 'demo-2023010101';

async function member(studentNo: string, openid = ADMIN): Promise<MemberView | undefined> {
  const res = await emu.call<{ items: MemberView[] }>('roster', 'listMembers', { orgId: 'org-committee', keyword: studentNo }, openid);
  return okData(res).items.find((m) => m.studentNo === studentNo);
}

const memberCount = () => env.count('members');

describe('file formats', () => {
  it('imports a UTF-8 csv with BOM', async () => {
    const report = okData(
      await preview(
        'org-cs',
        csvUtf8([csRow(1), csRow(2, '计科2302班'), csRow(3, '软工2301班', { group: '第一团小组', post: '宣传委员' })]),
      ),
    );
    expect(report).toMatchObject({ total: 3, valid: 3, errorCount: 0, toCreate: 3, toUpdate: 0, unchanged: 0 });
    const done = await commitAll(report.jobId);
    expect(done).toMatchObject({ status: 'done', total: 3, processed: 3, created: 3, updated: 0 });
    expect(await member('2099000003')).toMatchObject({
      name: '测试3',
      branchId: 'org-cs-3',
      groupName: '第一团小组',
      isCadre: true,
      post: '宣传委员',
      bound: false,
    });
  });

  it('imports a GBK csv as Excel on Chinese Windows writes it', async () => {
    const report = okData(
      await preview('org-cs-1', csvGbk([csRow(11, '计科2301班', { name: '欧阳娜娜', group: '第二团小组', league: '否' })]), SEC_CS1),
    );
    expect(report).toMatchObject({ valid: 1, errorCount: 0, toCreate: 1 });
    await commitAll(report.jobId, SEC_CS1);
    expect(await member('2099000011')).toMatchObject({ name: '欧阳娜娜', groupName: '第二团小组', isLeagueMember: false });
  });

  it('imports an xlsx with columns in another order and numeric student numbers', async () => {
    const header = ['姓名', '班级', '学号', '学院'];
    const rows: Row[] = [['王小明', '会计2301班', 2099000021, '经济管理学院']];
    const report = okData(await preview('org-em', await xlsx(rows, header), 'demo-general-em', 'roster.xlsx'));
    expect(report).toMatchObject({ valid: 1, errorCount: 0, toCreate: 1 });
    await commitAll(report.jobId, 'demo-general-em');
    expect(await member('2099000021')).toMatchObject({ name: '王小明', branchId: 'org-em-1', isLeagueMember: true });
  });

  it('names the missing columns', async () => {
    const res = await preview('org-cs', csvUtf8([['2099000031', '某某']], ['学号', '姓名', '专业']));
    expect(res.result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(res.result?.ok === false && res.result.message).toContain('学院、班级');
  });

  it('refuses an empty file and a header without rows', async () => {
    for (const content of [Buffer.alloc(0), csvUtf8([]), await xlsx([])]) {
      const res = await preview('org-cs', content);
      expect(res.result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: '表格中没有数据' });
    }
  });

  it('refuses files that are not spreadsheets, even renamed to .xlsx', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.alloc(64, 1)]);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    for (const content of [png, pdf, zip]) {
      const res = await preview('org-cs', content, ADMIN, 'fake.xlsx');
      expect(res.result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', message: '文件不是有效的 xlsx 或 csv 表格' });
    }
  });
});

describe('row checks', () => {
  it('reports every bad row with its row number and reason, and keeps the good ones', async () => {
    const rows: Row[] = [
      csRow(41), // row 2: fine
      ['2099000042', '', '计算机学院', '计科2301班', '', '是', ''], // 3: no name
      ['12345', '张三', '计算机学院', '计科2301班', '', '是', ''], // 4: bad number
      ['20990000x4', '张三', '计算机学院', '计科2301班', '', '是', ''], // 5: bad number
      ['2099000045', '李四', '化学学院', '计科2301班', '', '是', ''], // 6: no such college
      ['2099000046', '李四', '计算机学院', '化学2301班', '', '是', ''], // 7: no such class
      ['2099000047', '李四', '计算机学院', '计科2301班', '第九团小组', '是', ''], // 8: no such group
      ['2099000048', '李四', '计算机学院', '计科2301班', '', '也许', ''], // 9: bad 是否团员
      csRow(41, '计科2301班', { name: '重复' }), // 10: duplicate of row 2
      ['2023010201', '某人', '计算机学院', '计科2301班', '', '是', ''], // 11: already in 计科2302班
      csRow(49, '计科2301班', { post: '非常非常长的职务名称啊' }), // 12: post too long
    ];
    const report = okData(await preview('org-cs', csvUtf8(rows)));
    expect(report).toMatchObject({ total: 11, valid: 1, errorCount: 10, toCreate: 1 });
    const byRow = new Map(report.errors.map((e) => [e.row, e.reason]));
    expect([...byRow.keys()]).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(byRow.get(3)).toContain('缺少姓名');
    expect(byRow.get(4)).toContain('学号格式不正确');
    expect(byRow.get(5)).toContain('学号格式不正确');
    expect(byRow.get(6)).toContain('学院在组织树中不存在');
    expect(byRow.get(7)).toContain('班级在组织树中不存在');
    expect(byRow.get(8)).toContain('团小组不存在');
    expect(byRow.get(9)).toContain('是否团员');
    expect(byRow.get(10)).toBe('文件内学号重复（与第 2 行相同）');
    expect(byRow.get(11)).toContain('已在其他团支部：计科2302班团支部');
    expect(byRow.get(12)).toContain('职务过长');
    expect(report.errors.find((e) => e.row === 4)?.studentNo).toBe('12345');
  });

  it('counts row numbers past blank lines', async () => {
    const text = `\uFEFF${HEADER.join(',')}\r\n${csRow(51).join(',')}\r\n\r\n2099000052,,计算机学院,计科2301班,,是,\r\n`;
    const report = okData(await preview('org-cs', Buffer.from(text, 'utf8')));
    expect(report.errors).toEqual([{ row: 4, studentNo: '2099000052', reason: '缺少姓名' }]);
  });
});

describe('scope', () => {
  it('refuses rows of another branch for a branch secretary', async () => {
    const report = okData(await preview('org-cs-1', csvUtf8([csRow(61), csRow(62, '计科2302班')]), SEC_CS1));
    expect(report).toMatchObject({ valid: 1, errorCount: 1 });
    expect(report.errors[0]).toMatchObject({ row: 3, studentNo: '2099000062' });
    expect(report.errors[0].reason).toContain('不在本次导入的范围');
  });

  it('forbids a branch secretary to import into another branch', async () => {
    const res = await preview('org-em-1', csvUtf8([csRow(63)]), SEC_CS1);
    expect(res.result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('reads only a file uploaded for the org being imported into', async () => {
    const elsewhere = await upload(csvUtf8([HEADER, csRow(7)]), 'roster.csv', 'org-em-1');
    const res = await emu.call<ImportReport>(
      'roster',
      'previewImport',
      { orgId: 'org-cs-1', fileID: elsewhere, fileName: 'roster.csv' },
      ADMIN,
    );
    expect(res.result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', field: 'fileID' });
  });

  it('forbids committing or reading a job of another college', async () => {
    const report = okData(await preview('org-cs', csvUtf8([csRow(64)])));
    for (const action of ['commitImport', 'importStatus']) {
      const res = await emu.call('roster', action, { jobId: report.jobId }, 'demo-general-em');
      expect(res.result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    const missing = await emu.call('roster', 'commitImport', { jobId: 'imp-nope' }, ADMIN);
    expect(missing.result).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('idempotence and resume', () => {
  it('imports the same file twice and changes nothing the second time; a bound member keeps their openid', async () => {
    const rows: Row[] = [
      ['2023010102', '改了名字', '计算机学院', '计科2301班', '第二团小组', '是', '组织委员'], // bound demo member, renamed
      ...Array.from({ length: 30 }, (_, i) => csRow(100 + i)),
    ];
    const file = csvUtf8(rows);
    const first = okData(await preview('org-cs-1', file, SEC_CS1));
    expect(first).toMatchObject({ valid: 31, toCreate: 30, toUpdate: 1 });
    expect(await commitAll(first.jobId, SEC_CS1)).toMatchObject({ created: 30, updated: 1 });
    const count = await memberCount();
    const bound = await member('2023010102');
    expect(bound).toMatchObject({ name: '改了名字', bound: true });

    const second = okData(await preview('org-cs-1', file, SEC_CS1));
    expect(second).toMatchObject({ valid: 31, toCreate: 0, toUpdate: 0, unchanged: 31 });
    const again = await emu.call<ImportProgress>('roster', 'commitImport', { jobId: second.jobId }, SEC_CS1);
    expect(okData(again)).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 31, processed: 31 });
    expect(await memberCount()).toBe(count);
    // The binding survives: the demo identity still signs in as this member.
    const who = await emu.call<{ studentNo: string | null; name: string | null }>('system', 'whoami', {}, 'demo-2023010102');
    expect(okData(who)).toMatchObject({ studentNo: '2023010102', name: '改了名字' });

    // Committing the first job again does nothing twice.
    expect(okData(await emu.call<ImportProgress>('roster', 'commitImport', { jobId: first.jobId }, SEC_CS1))).toMatchObject({
      status: 'done',
      created: 30,
      updated: 1,
    });
    expect(await memberCount()).toBe(count);
  });
});

describe('headers as cadres write them', () => {
  it('reads 团员 / 团干部 as 是否团员 / 职务 and reports the unknown 手机 and the missing 团小组 in the dry run', async () => {
    const header = ['学号', '姓名', '学院', '班级', '团员', '团干部', '手机'];
    const rows: Row[] = [
      ['2099000201', '甲', '计算机学院', '计科2301班', '否', '组织委员', '13800000000'],
      ['2099000202', '乙', '计算机学院', '计科2301班', '是', '否', '13800000001'],
      ['2099000203', '丙', '计算机学院', '计科2301班', '是', '是', ''],
    ];
    const report = okData(await preview('org-cs', csvUtf8(rows, header)));
    expect(report).toMatchObject({ total: 3, valid: 3, errorCount: 0, toCreate: 3 });
    expect(report.headerProblems).toEqual([
      { column: '手机', kind: 'unknown', message: expect.stringContaining('未识别的列“手机”') },
      { column: '团小组', kind: 'missing', message: expect.stringContaining('缺少“团小组”列') },
    ]);
    await commitAll(report.jobId);
    expect(await member('2099000201')).toMatchObject({ isLeagueMember: false, isCadre: true, post: '组织委员' });
    expect(await member('2099000202')).toMatchObject({ isLeagueMember: true, isCadre: false, post: null });
    // A 团干部 column that says 是 marks a cadre without naming the post.
    expect(await member('2099000203')).toMatchObject({ isCadre: true, post: '团干部' });
  });

  it('accepts 学生编号 / 团总支 / 团支部 / 职位, reports a duplicate column, and states what missing optional columns mean', async () => {
    const header = ['学生编号', '姓名', '团总支', '团支部', '职位', '学号'];
    const report = okData(
      await preview('org-cs', csvUtf8([['2099000211', '丁', '计算机学院', '计科2302班', '宣传委员', '2099000999']], header)),
    );
    expect(report).toMatchObject({ valid: 1, errorCount: 0, toCreate: 1 });
    expect(report.headerProblems.map((p) => [p.column, p.kind])).toEqual([
      ['学号', 'duplicate'],
      ['团小组', 'missing'],
      ['是否团员', 'missing'],
    ]);
    expect(report.headerProblems[0].message).toContain('只读取第 1 列');
    await commitAll(report.jobId);
    expect(await member('2099000211')).toMatchObject({ name: '丁', branchName: '计科2302班团支部', post: '宣传委员' });
  });

  it('normalises full-width digits in student numbers and class names instead of refusing them', async () => {
    const rows: Row[] = [['２０９９０００２２１', '戊', '计算机学院', '计科２３０１班', '', '是', '']];
    const report = okData(
      await preview('org-cs', csvUtf8(rows, ['学号＊', ' 姓 名 ', '学院', '班级（必填）', '团小组', '是否团员', '职务'])),
    );
    expect(report).toMatchObject({ valid: 1, errorCount: 0, toCreate: 1, headerProblems: [] });
    await commitAll(report.jobId);
    expect(await member('2099000221')).toMatchObject({ name: '戊', branchId: 'org-cs-1' });
  });

  it('refuses a file missing a required column, naming it and the columns it did not recognise', async () => {
    const res = await preview('org-cs', csvUtf8([['2099000231', '某', '计科2301班']], ['学号', '姓名', '专业']));
    expect(res.result).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT', field: 'fileID' });
    const message = res.result?.ok === false ? res.result.message : '';
    expect(message).toContain('缺少必需的列：学院、班级');
    expect(message).toContain('未识别的列：专业');
  });
});
