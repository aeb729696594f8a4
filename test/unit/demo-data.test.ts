import { demoData } from '../../scripts/demo-data';

describe('the demo university', () => {
  const data = demoData(new Date('2026-11-24T00:00:00Z'));
  const byLevel = (level: string) => data.orgs.filter((o) => o.level === level);

  it('has a committee, 3 colleges, 8 branches and their groups', () => {
    expect(byLevel('committee')).toHaveLength(1);
    expect(byLevel('general')).toHaveLength(3);
    expect(byLevel('branch')).toHaveLength(8);
    expect(byLevel('group')).toHaveLength(16);
  });

  it('has 200 members with unique student numbers, each in an existing branch', () => {
    expect(data.members).toHaveLength(200);
    expect(new Set(data.members.map((m) => m.studentNo)).size).toBe(200);
    const branches = new Set(byLevel('branch').map((o) => o._id));
    for (const m of data.members) expect(branches.has(m.branchId)).toBe(true);
  });

  it('gives every branch a bound secretary who is a cadre', () => {
    for (const branch of byLevel('branch')) {
      const grant = data.roles.find((r) => r.role === 'secretary' && r.orgId === branch._id);
      expect(grant).toBeDefined();
      const member = data.members.find((m) => m.openid === grant!.openid);
      expect(member?.isCadre).toBe(true);
      expect(member?.branchId).toBe(branch._id);
    }
  });

  it('binds each openid to at most one roster entry', () => {
    const openids = data.members.map((m) => m.openid).filter(Boolean);
    expect(new Set(openids).size).toBe(openids.length);
  });

  it('keeps every org ancestor list consistent with its parent', () => {
    const byId = new Map(data.orgs.map((o) => [o._id, o]));
    for (const org of data.orgs) {
      if (!org.parentId) continue;
      const parent = byId.get(org.parentId)!;
      expect(org.ancestors).toEqual([...parent.ancestors, parent._id]);
    }
  });

  it('places today inside the pledge stage, with the five stages in order', () => {
    const c = data.campaigns[0];
    expect(c.stages.map((s) => s.key)).toEqual(['mobilize', 'pledge', 'review', 'evaluate', 'commend']);
    const pledge = c.stages[1];
    expect(pledge.start <= '2026-11-24' && '2026-11-24' <= pledge.end).toBe(true);
    for (let i = 1; i < c.stages.length; i++) expect(c.stages[i].start > c.stages[i - 1].end).toBe(true);
  });
});
