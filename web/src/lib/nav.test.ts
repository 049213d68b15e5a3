import { describe, expect, it } from 'vitest';
import { abilities } from '@panhuo/domain/accounts/abilities';
import { activeNavHref, enterpriseNav, mainNav, navFor, navPages, requireNavPage } from './nav';

describe('main menu', () => {
  it('lists the manual’s eight top-level entries in order, then the universities’ pages and the operator console', () => {
    expect(mainNav.map((item) => item.label)).toEqual([
      ...enterpriseNav.map((item) => item.label),
      '高校院所',
      '平台运营',
    ]);
    expect(enterpriseNav.map((item) => item.label)).toEqual([
      '盘活行动',
      '用户管理',
      '我的空间',
      '专利转化评价库',
      '专利转化关注库',
      '专利转化资源库',
      '专利评价管理',
      '企业需求发布管理',
    ]);
  });

  it('gives every page a unique path', () => {
    const hrefs = navPages().map((page) => page.link.href);
    expect(new Set(hrefs).size).toBe(hrefs.length);
    expect(requireNavPage('/demands/public')).toMatchObject({
      group: '企业需求发布管理',
      link: { label: '公开需求' },
    });
    expect(() => requireNavPage('/nowhere')).toThrow('/nowhere');
  });
});

describe('the universities’ menu', () => {
  it('shows a university user 我的专利 and 专利登记, and them to nobody else', () => {
    const pages = navPages(navFor(['resource_library.view', 'university.register_patents']));
    expect(pages.map(({ group, link }) => `${group}/${link.label}`)).toEqual([
      'null/专利转化资源库',
      '高校院所/我的专利',
      '高校院所/专利登记',
      '高校院所/批量导入',
      '高校院所/组合专利',
    ]);
    expect(navPages(navFor(['resource_library.view', 'experts.manage'])).map((p) => p.group)).not.toContain(
      '高校院所',
    );
    expect(activeNavHref('/university/patents/new')).toBe('/university/patents/new');
    expect(activeNavHref('/university/patents/abc')).toBe('/university/patents');
    expect(activeNavHref('/university/portfolios/abc')).toBe('/university/portfolios');
    expect(activeNavHref('/university/import')).toBe('/university/import');
  });
});

describe('activeNavHref', () => {
  it('prefers the exact page over a shorter prefix', () => {
    expect(activeNavHref('/demands')).toBe('/demands');
    expect(activeNavHref('/demands/public')).toBe('/demands/public');
  });

  it('keeps a library highlighted on its sub-pages but not on look-alike paths', () => {
    expect(activeNavHref('/resource-library/abc')).toBe('/resource-library');
    expect(activeNavHref('/resource-library-old')).toBeNull();
    expect(activeNavHref('/')).toBeNull();
    expect(activeNavHref('/status')).toBeNull();
  });
});

describe('navFor', () => {
  const labels = (items: ReturnType<typeof navFor>) =>
    navPages(items).map(({ group, link }) => (group ? `${group}/${link.label}` : link.label));

  it('shows nothing to anonymous users and everything to a user holding every ability', () => {
    expect(navFor(null)).toEqual([]);
    expect(navFor([...abilities])).toEqual(mainNav);
  });

  it('keeps only entries whose ability is listed, and drops emptied groups', () => {
    const expert = labels(
      navFor(['own_account.view', 'expert_profile.edit', 'evaluation_library.view', 'resource_library.view']),
    );
    expect(expert).toEqual(['我的空间/专家信息', '专利转化评价库', '专利转化资源库']);
    expect(labels(navFor(['resource_library.view', 'operator.console']))).toEqual([
      '专利转化资源库',
      '平台运营/实名认证审核',
      '平台运营/企业管理',
      '平台运营/高校院所',
      '平台运营/推送管理',
      '平台运营/邮件提醒记录',
      '平台运营/账号管理',
    ]);
  });

  it('puts the 关注库 where the manual does (top level, 查看 for experts too) and its mail runs in the console', () => {
    expect(requireNavPage('/attention-library')).toMatchObject({
      group: null,
      link: { label: '专利转化关注库', ability: 'attention_library.view' },
    });
    expect(labels(navFor(['attention_library.view']))).toEqual(['专利转化关注库']);
    expect(requireNavPage('/operator/digests')).toMatchObject({
      group: '平台运营',
      link: { label: '邮件提醒记录', ability: 'operator.console' },
    });
    expect(navPages(enterpriseNav).map((page) => page.link.href)).not.toContain('/operator/digests');
  });

  it('gives university users their 收到的合作意向 inbox, and nobody else', () => {
    expect(labels(navFor(['resource_library.view', 'university.intents']))).toEqual([
      '专利转化资源库',
      '高校院所/收到的合作意向',
    ]);
    expect(navPages(enterpriseNav).map((page) => page.link.href)).not.toContain('/university/intents');
  });

  it('gives university users 企业评价 and 数据看板 under 高校院所, and nobody else', () => {
    expect(labels(navFor(['university.evaluations', 'university.dashboard']))).toEqual([
      '高校院所/企业评价',
      '高校院所/数据看板',
    ]);
    expect(requireNavPage('/university/dashboard')).toMatchObject({
      group: '高校院所',
      link: { label: '数据看板', ability: 'university.dashboard' },
    });
    const enterpriseHrefs = navPages(enterpriseNav).map((page) => page.link.href);
    expect(enterpriseHrefs).not.toContain('/university/evaluations');
    expect(enterpriseHrefs).not.toContain('/university/dashboard');
  });

  it('puts 高校院所 in the operator console only, behind operator.console', () => {
    expect(requireNavPage('/operator/institutions')).toMatchObject({
      group: '平台运营',
      link: { label: '高校院所', ability: 'operator.console' },
    });
    expect(activeNavHref('/operator/institutions')).toBe('/operator/institutions');
    const enterpriseHrefs = navPages(enterpriseNav).map((page) => page.link.href);
    expect(enterpriseHrefs).not.toContain('/operator/institutions');
    const everythingButConsole = abilities.filter((ability) => ability !== 'operator.console');
    expect(navPages(navFor(everythingButConsole)).map((page) => page.link.href)).not.toContain(
      '/operator/institutions',
    );
  });
});
