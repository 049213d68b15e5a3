import type { Ability } from '@panhuo/domain/accounts/abilities';

/**
 * One page reachable from the main menu. `summary` restates what the enterprise manual says it is for;
 * `ability` is the API ability (from /api/auth/me) a user needs to see the entry.
 */
export interface NavLink {
  label: string;
  href: string;
  summary: string;
  ability: Ability;
}

/** A top-level menu entry: either a page of its own or a heading over sub-pages (e.g. 用户管理—账号管理). */
export type NavItem = ({ kind: 'link' } & NavLink) | { kind: 'group'; label: string; children: NavLink[] };

/** The enterprise side's menu, in the order and wording of the user manual. */
export const mainNav: readonly NavItem[] = [
  {
    kind: 'group',
    label: '盘活行动',
    children: [
      {
        label: '专家审核',
        href: '/action/expert-review',
        summary: '查看本企业推荐的全部专家并给出审核意见；审核通过的专家进入企业专家库，并获得专家证书。',
        ability: 'experts.manage',
      },
    ],
  },
  {
    kind: 'group',
    label: '用户管理',
    children: [
      {
        label: '账号管理',
        href: '/users/accounts',
        summary: '点击“新增”填写专家基本信息，为技术专家分配账号；可查看信息完善状态，禁用或启用账号。',
        ability: 'experts.manage',
      },
    ],
  },
  {
    kind: 'group',
    label: '我的空间',
    children: [
      {
        label: '专家信息',
        href: '/me/expert',
        summary: '专家完善个人信息后点击“申请入库”，提交企业管理员审核。',
        ability: 'expert_profile.edit',
      },
    ],
  },
  {
    kind: 'link',
    label: '专利转化评价库',
    href: '/evaluation-library',
    summary: '平台按产业分类、技术领域推送高校院所的可转化专利，专家和企业管理员在此进行星级评价。',
    ability: 'evaluation_library.view',
  },
  {
    kind: 'link',
    label: '专利转化关注库',
    href: '/attention-library',
    summary: '按企业设置的关注领域匹配推送专利转化资源，并每周通过邮件提醒新匹配的专利。',
    ability: 'attention_library.view',
  },
  {
    kind: 'link',
    label: '专利转化资源库',
    href: '/resource-library',
    summary: '展示全部高校院所登记入库的可转化专利，支持高级检索、发布合作意向和导出。',
    ability: 'resource_library.view',
  },
  {
    kind: 'link',
    label: '专利评价管理',
    href: '/evaluation-management',
    summary: '查看本企业专家的全部评价，进行专家评价审核，并填写、发布企业自评。',
    ability: 'evaluations.manage',
  },
  {
    kind: 'group',
    label: '企业需求发布管理',
    children: [
      {
        label: '高校院所合作需求',
        href: '/demands',
        summary: '通过专利转化关注库和专利转化资源库向高校院所定向发布的合作需求。',
        ability: 'demands.manage',
      },
      {
        label: '公开需求',
        href: '/demands/public',
        summary: '面向平台所有用户发布技术需求，发布后在“高校和科研机构专利转化资源库”公开展示。',
        ability: 'demands.manage',
      },
    ],
  },
  {
    kind: 'group',
    label: '高校院所',
    children: [
      {
        label: '我的专利',
        href: '/university/patents',
        summary: '本单位登记入库的专利、草稿和已撤回的专利，可编辑或撤回。',
        ability: 'university.register_patents',
      },
      {
        label: '专利登记',
        href: '/university/patents/new',
        summary:
          '登记本单位的专利：著录项目、产业分类、合作方式和建档信息，提交后进入各企业的专利转化资源库。',
        ability: 'university.register_patents',
      },
      {
        label: '批量导入',
        href: '/university/import',
        summary: '按导入模板上传本单位的专利（Excel 或 CSV），逐行校验并预览，全部无误后确认导入。',
        ability: 'university.register_patents',
      },
      {
        label: '组合专利',
        href: '/university/portfolios',
        summary: '用本单位已登记的专利组成组合专利，填写名称和说明，组合在专利转化资源库中一并展示。',
        ability: 'university.register_patents',
      },
      {
        label: '收到的合作意向',
        href: '/university/intents',
        summary: '企业对本单位登记专利提交的合作意向：查看、接受洽谈或婉拒，并与企业沟通对接。',
        ability: 'university.intents',
      },
      {
        label: '企业评价',
        href: '/university/evaluations',
        summary: '企业对本单位专利提交发布的企业自评：评价企业、专利评分、评价意见和评价时间。',
        ability: 'university.evaluations',
      },
      {
        label: '数据看板',
        href: '/university/dashboard',
        summary: '本单位登记入库、推送至企业、企业评价和收到的合作意向，按产业和月份统计。',
        ability: 'university.dashboard',
      },
    ],
  },
  {
    kind: 'group',
    label: '平台运营',
    children: [
      {
        label: '实名认证审核',
        href: '/operator/verifications',
        summary:
          '审核企业提交的实名认证申请：查看营业执照，通过后开通企业及其企业管理员账号，或驳回并说明理由。',
        ability: 'operator.console',
      },
      {
        label: '企业管理',
        href: '/operator/enterprises',
        summary: '平台已开通的企业及其管理员、专家人数。',
        ability: 'operator.console',
      },
      {
        label: '高校院所',
        href: '/operator/institutions',
        summary: '平台的高校和科研院所及其账号数，可为高校院所开通高校院所用户账号。',
        ability: 'operator.console',
      },
      {
        label: '推送管理',
        href: '/operator/pushes',
        summary: '按检索条件向企业的专利转化评价库推送可转化专利，预览各企业将新增的专利，跟踪推送进度。',
        ability: 'operator.console',
      },
      {
        label: '邮件提醒记录',
        href: '/operator/digests',
        summary: '专利转化关注库邮件提醒的最近运行：时间、企业数、发送、失败和重试的邮件数。',
        ability: 'operator.console',
      },
      {
        label: '账号管理',
        href: '/operator/accounts',
        summary: '平台全部账号，可按角色、状态检索，冻结或解冻账号。',
        ability: 'operator.console',
      },
    ],
  },
];

/** The enterprise side's entries (not the universities' pages nor the operator console), as the public home lists them. */
export const enterpriseNav: readonly NavItem[] = mainNav.filter(
  (item) => item.label !== '平台运营' && item.label !== '高校院所',
);

/**
 * The menu as one user sees it: only entries whose ability the API granted (from /api/auth/me), and groups
 * only when at least one child remains. Anonymous users see no menu.
 */
export function navFor(abilities: readonly Ability[] | null, items: readonly NavItem[] = mainNav): NavItem[] {
  if (!abilities) return [];
  const allowed = new Set(abilities);
  return items.flatMap((item): NavItem[] => {
    if (item.kind === 'link') return allowed.has(item.ability) ? [item] : [];
    const children = item.children.filter((child) => allowed.has(child.ability));
    return children.length ? [{ ...item, children }] : [];
  });
}

/** A menu page with the label of the group it sits under (null for top-level pages). */
export interface NavPage {
  link: NavLink;
  group: string | null;
}

/** Every page of the menu, in menu order. */
export function navPages(items: readonly NavItem[] = mainNav): NavPage[] {
  return items.flatMap((item): NavPage[] =>
    item.kind === 'link'
      ? [{ link: item, group: null }]
      : item.children.map((link) => ({ link, group: item.label })),
  );
}

/** Looks up a menu page by its path; a missing path is a programming error, so it throws. */
export function requireNavPage(href: string): NavPage {
  const found = navPages().find((page) => page.link.href === href);
  if (!found) throw new Error(`no menu entry for ${href}`);
  return found;
}

/**
 * Which menu link the current path belongs to: the exact page, or failing that the longest link that is a
 * path prefix (so a future detail page such as /resource-library/123 still highlights its library).
 */
export function activeNavHref(pathname: string, items: readonly NavItem[] = mainNav): string | null {
  let best: string | null = null;
  for (const { link } of navPages(items)) {
    const matches = pathname === link.href || pathname.startsWith(`${link.href}/`);
    if (matches && (best === null || link.href.length > best.length)) best = link.href;
  }
  return best;
}
