import { halfWidth, readHeader } from '../../cloudfunctions/roster/check';
import { refusal } from '../support/refusal';

describe('roster header', () => {
  it('maps the variants cadres use onto the template columns', () => {
    const { columns, problems } = readHeader(['学生编号', '姓名', '团总支', '团支部', '团小组', '团员', '职位']);
    expect(columns).toEqual({ 学号: 0, 姓名: 1, 学院: 2, 班级: 3, 团小组: 4, 是否团员: 5, 职务: 6 });
    expect(problems).toEqual([]);
    expect(readHeader(['学号', '姓名', '学院', '班级', '团干部']).columns.职务).toBe(4);
  });

  it('reads headers through BOM, spaces, full-width letters and required marks', () => {
    expect(readHeader(['\uFEFF学号', ' 姓 名', '学院*', '班级（必填）']).columns).toEqual({ 学号: 0, 姓名: 1, 学院: 2, 班级: 3 });
  });

  it('reports unknown, duplicate and missing optional columns, in that order of the header', () => {
    const { problems } = readHeader(['学号', '姓名', '手机', '学院', '班级', '学生编号', '']);
    expect(problems.map((p) => [p.kind, p.column])).toEqual([
      ['unknown', '手机'],
      ['duplicate', '学生编号'],
      ['missing', '团小组'],
      ['missing', '是否团员'],
      ['missing', '职务'],
    ]);
    expect(problems[0].message).toBe('未识别的列“手机”（第 3 列），不会导入');
    expect(problems[1].message).toBe('第 6 列“学生编号”与第 1 列都表示“学号”，只读取第 1 列');
  });

  it('refuses a header without a required column, naming the missing and the unrecognised ones', () => {
    const err = refusal(() => readHeader(['学号', '名字', '学院', '专业']));
    expect(err).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'fileID' });
    expect(err.message).toContain('表格缺少必需的列：姓名、班级');
    expect(err.message).toContain('未识别的列：名字、专业');
  });

  it('turns full-width digits, letters and the ideographic space into ASCII', () => {
    expect(halfWidth('２０２３０１０１０１')).toBe('2023010101');
    expect(halfWidth('计科２３０１班')).toBe('计科2301班');
    expect(halfWidth('Ａ\u3000Ｂ')).toBe('A B');
    expect(halfWidth('张三')).toBe('张三');
  });
});
