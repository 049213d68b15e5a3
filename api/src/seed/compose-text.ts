import { Composer, firstClause, keep, labelled, withoutYizhong } from './composer';
import type { Rng } from './random';
import { fit } from './text-fit';
import {
  algorithmDetails,
  commonWords,
  designOmissions,
  designPoints,
  designViews,
  deviceEffects,
  deviceRelations,
} from './vocabulary/common';
import type { FieldVocabulary, TitlePattern } from './vocabulary/types';
/** Lengths the composed texts aim at (characters), like CNIPA abstracts and main claims. */
export const textLengths = {
  abstract: { min: 200, max: 350 },
  claims: { min: 300, max: 500 },
  designAbstract: { min: 60, max: 200 },
} as const;

/** Title, abstract and claims of one patent. */
export interface PatentText {
  title: string;
  abstract: string;
  claims: string;
}

function composeProcessLike(c: Composer, title: string): { abstract: string; claims: string } {
  const { rng, field, pattern } = c;
  const subject = withoutYizhong(title);
  const noun = c.fill(pattern.noun);
  const claimSubject = pattern.claimSubject ? c.fill(pattern.claimSubject) : subject;
  const steps = c.stages();
  const kMin = Math.min(3, steps.length);
  const dropOrder = rng.sample(steps.map((_, i) => i).slice(1, -1), steps.length);
  const lead = c.lead(subject);
  const effectLead = c.effectLead();
  const effects = c.some(c.keyed(field.effects), 3);
  const details = c.some(c.keyed(field.details), 6);
  const extras = [
    `针对现有技术中${c.fill(rng.pick(c.keyed(field.problems)))}的问题，${c.who}进行了改进。`,
    `其中，${details[0] ?? ''}。`,
    `${c.who}可应用于${c.fill(rng.pick(field.scenarios))}等领域。`,
  ];
  const opening =
    subject.endsWith(noun) && !subject.includes('及')
      ? `${lead}，包括以下步骤：`
      : `${lead}。所述${noun}包括以下步骤：`;
  const abstract = fit(
    [
      [kMin, steps.length],
      [1, 3],
      [0, 3],
    ],
    [steps.length, 2, rng.int(0, 1)],
    textLengths.abstract,
    ([k = 0, e = 0, x = 0]) =>
      `${opening}${labelled(keep(steps, k, dropOrder))}。${x > 1 ? extras[0] : ''}${effectLead}${effects.slice(0, e).join('，')}。${x > 0 ? extras[2] : ''}${x > 2 ? extras[1] : ''}`,
  );
  const product = claimSubject.endsWith('的制备方法') ? claimSubject.slice(0, -5) : null;
  const claims = fit(
    [
      [kMin, steps.length],
      [0, details.length],
      [0, product ? 1 : 0],
    ],
    [steps.length, 3, 1],
    textLengths.claims,
    ([k = 0, d = 0, p = 0]) => {
      const parts = [
        `1.一种${withoutYizhong(claimSubject)}，其特征在于，包括以下步骤：${labelled(keep(steps, k, dropOrder))}。`,
      ];
      details
        .slice(0, d)
        .forEach((detail, i) =>
          parts.push(
            `${i + 2}.根据权利要求${i === 0 || i % 2 ? 1 : i + 1}所述的${noun}，其特征在于，${detail}。`,
          ),
        );
      if (p && product)
        parts.push(
          `${d + 2}.一种${product}，其特征在于，采用权利要求1至${d + 1}任一项所述的${noun}制备得到。`,
        );
      return parts.join('');
    },
  );
  return { abstract, claims };
}

function composeAlgorithm(c: Composer, title: string): { abstract: string; claims: string } {
  const { rng, field, pattern } = c;
  const subject = withoutYizhong(title);
  const at = subject.lastIndexOf('方法');
  const methodName = at >= 0 ? subject.slice(0, at + 2) : subject;
  const prefix = methodName.slice(0, -2);
  const extrasNamed = (at >= 0 ? subject.slice(at + 2) : '').split(/[、及和]/).filter(Boolean);
  const noun = c.fill(pattern.noun);
  const steps = c.stages();
  const modules = (pattern.stages ? field.modules?.[pattern.stages] : undefined) ?? [];
  const kMin = Math.min(3, steps.length);
  const dropOrder = rng.sample(steps.map((_, i) => i).slice(1, -1), steps.length);
  const lead = c.lead(subject);
  const effectLead = c.effectLead();
  const effects = c.some(c.keyed(field.effects), 3);
  const details = [...c.some(c.keyed(field.details), 5), ...c.some(algorithmDetails, 2)];
  const extras = [
    `${c.who}可应用于${c.fill(rng.pick(field.scenarios))}等场景。`,
    `针对现有技术中${c.fill(rng.pick(c.keyed(field.problems)))}的问题，${c.who}进行了改进。`,
    `其中，${details[0] ?? ''}。`,
  ];
  const abstract = fit(
    [
      [kMin, steps.length],
      [1, 3],
      [0, 3],
    ],
    [steps.length, 2, rng.int(0, 1)],
    textLengths.abstract,
    ([k = 0, e = 0, x = 0]) =>
      `${lead}，${extrasNamed.length ? '所述方法' : '该方法'}包括：${keep(steps, k, dropOrder).join('；')}。${x > 1 ? extras[1] : ''}${effectLead}${effects.slice(0, e).join('，')}。${x > 0 ? extras[0] : ''}${x > 2 ? extras[2] : ''}`,
  );
  const claims = fit(
    [
      [kMin, steps.length],
      [0, details.length],
    ],
    [steps.length, 2],
    textLengths.claims,
    ([k = 0, d = 0]) => {
      const used = keep(steps, k, dropOrder);
      const parts = [`1.一种${methodName}，其特征在于，包括以下步骤：${labelled(used)}。`];
      details
        .slice(0, d)
        .forEach((detail, i) => parts.push(`${i + 2}.根据权利要求1所述的${noun}，其特征在于，${detail}。`));
      let n = d + 2;
      const methodClaims = `权利要求1至${d + 1}任一项`;
      let deviceClaim = 0;
      for (const extra of extrasNamed) {
        if (extra === '系统' || extra === '装置') {
          const units = used.map(
            (step, i) =>
              `${(modules[steps.indexOf(step)] ?? `第${i + 1}模块`).replace(/模块$/, extra === '装置' ? '单元' : '模块')}，用于${firstClause(step)}`,
          );
          parts.push(`${n}.一种${prefix}${extra}，其特征在于，包括：${units.join('；')}。`);
          deviceClaim = n;
        } else if (extra === '设备') {
          parts.push(
            `${n}.一种电子设备，包括存储器、处理器及存储在存储器上并可在处理器上运行的计算机程序，其特征在于，所述处理器执行所述计算机程序时实现如${methodClaims}所述的${noun}。`,
          );
        } else if (extra.endsWith('介质')) {
          parts.push(
            `${n}.一种计算机可读存储介质，其上存储有计算机程序，其特征在于，所述计算机程序被处理器执行时实现如${methodClaims}所述的${noun}。`,
          );
        } else {
          parts.push(
            `${n}.一种${extra}，其特征在于，包括如权利要求${deviceClaim || 1}所述的${deviceClaim ? `${prefix}装置` : noun}。`,
          );
        }
        n++;
      }
      return parts.join('');
    },
  );
  return { abstract, claims };
}

function composeDevice(c: Composer, title: string): { abstract: string; claims: string } {
  const { rng, field, kind } = c;
  if (!kind) throw new Error(`field ${field.key} has a device pattern but no devices`);
  const subject = withoutYizhong(title);
  const noun = c.fill(c.pattern.noun);
  const parts = rng.sample(kind.parts, 9);
  c.filler.restrict('part', parts.slice(0, 5));
  // relation[i] introduces parts[i], attached to an earlier part.
  const relations = parts.map((_, i) =>
    i === 0
      ? ''
      : c.filler.fill(rng.pick(deviceRelations), false, {
          A: `{A${rng.int(0, i - 1)}}`,
          B: `{A${i}}`,
          // One hole per clause: '开设有通孔，所述B穿设于所述通孔内'.
          hole: rng.pick(commonWords.hole ?? ['通孔']),
        }),
  );
  const plain = (text: string) => text.replace(/\{A(\d)\}/g, (_, i: string) => parts[Number(i)] ?? '');
  const numbered = (text: string) =>
    text.replace(/\{A(\d)\}/g, (_, i: string) => `${parts[Number(i)] ?? ''}（${Number(i) + 1}）`);
  const working = kind.working.length > 0 ? `${c.fill(rng.pick(kind.working))}。` : '';
  const effects = c.some([...(field.effects.device ?? []), ...deviceEffects], 2);
  const scenario = `，适用于${c.fill(rng.pick(field.scenarios))}`;
  const effectLead = c.effectLead();
  const lead = c.lead(subject);
  const list = (m: number, name: (i: number) => string) => {
    const names = parts.slice(0, m).map((_, i) => name(i));
    return `${names.slice(0, -1).join('、')}和${names[names.length - 1] ?? ''}`;
  };
  const abstract = fit(
    [
      [3, 8],
      [0, working ? 1 : 0],
      [1, 3],
      [0, 1],
    ],
    [5, 1, 2, 1],
    textLengths.abstract,
    ([m = 3, w = 0, e = 1, s = 0]) =>
      `${lead}，包括${list(m, (i) => parts[i] ?? '')}，${relations.slice(1, m).map(plain).join('，')}。${w ? working : ''}${effectLead}${effects.slice(0, e).join('，')}${s ? scenario : ''}。`,
  );
  const claims = fit(
    [
      [3, 5],
      [0, 4],
    ],
    [4, 2],
    textLengths.claims,
    ([m = 3, d = 0]) => {
      const out = [
        `1.一种${subject}，其特征在于：包括${list(m, (i) => `${parts[i] ?? ''}（${i + 1}）`)}；${relations.slice(1, m).map(numbered).join('；')}。`,
      ];
      for (let j = 0; j < d && m + j < parts.length; j++) {
        out.push(
          `${j + 2}.根据权利要求${j + 1}所述的${noun}，其特征在于：还包括${parts[m + j] ?? ''}（${m + j + 1}），${numbered(relations[m + j] ?? '')}。`,
        );
      }
      return out.join('');
    },
  );
  return { abstract, claims };
}

function composeFormula(c: Composer, title: string): { abstract: string; claims: string } {
  const { rng, field, pattern } = c;
  const subject = withoutYizhong(title);
  const noun = c.fill(pattern.noun);
  const product = subject.split('及')[0] ?? subject;
  const ingredientWords = field.words.ingredient;
  const ingredients = ingredientWords
    ? rng.sample(ingredientWords, 7).map((name) => {
        const low = rng.int(1, 40);
        return `${name}${low}～${low + rng.int(2, 30)}份`;
      })
    : [];
  const steps = c.stages();
  const dropOrder = rng.sample(steps.map((_, i) => i).slice(1, -1), steps.length);
  const kMin = Math.min(2, steps.length);
  const lead = c.lead(subject);
  const effectLead = c.effectLead();
  const effects = c.some(c.keyed(field.effects), 3);
  const composition = (n: number) =>
    n > 0 ? `由以下重量份的原料制成：${ingredients.slice(0, n).join('、')}` : '';
  const iRange: [number, number] = ingredients.length ? [4, 7] : [0, 0];
  const scenario = `${c.who}可应用于${c.fill(rng.pick(field.scenarios))}等领域。`;
  const abstract = fit(
    [iRange, [kMin, steps.length], [1, 3], [0, 1]],
    [6, steps.length, 2, 0],
    textLengths.abstract,
    ([n = 0, k = 0, e = 0, s = 0]) =>
      `${lead}，${n ? `${composition(n)}。其制备方法包括以下步骤：` : '其制备方法包括以下步骤：'}${labelled(keep(steps, k, dropOrder))}。${effectLead}${effects.slice(0, e).join('，')}。${s ? scenario : ''}`,
  );
  const details = c.some(c.keyed(field.details), 4);
  const claims = fit(
    [iRange, [kMin, steps.length], [0, details.length]],
    [7, steps.length, 2],
    textLengths.claims,
    ([n = 0, k = 0, d = 0]) => {
      const out = [
        n
          ? `1.一种${product}，其特征在于，${composition(n)}。`
          : `1.一种${product}，其特征在于，其制备方法包括以下步骤：${labelled(keep(steps, k, dropOrder))}。`,
      ];
      details
        .slice(0, d)
        .forEach((detail, i) => out.push(`${i + 2}.根据权利要求1所述的${noun}，其特征在于，${detail}。`));
      if (n)
        out.push(
          `${d + 2}.一种如权利要求1至${d + 1}任一项所述的${noun}的制备方法，其特征在于，包括以下步骤：${labelled(keep(steps, k, dropOrder))}。`,
        );
      return out.join('');
    },
  );
  return { abstract, claims };
}

function composeUse(c: Composer, title: string): { abstract: string; claims: string } {
  const { rng, field } = c;
  const subject = withoutYizhong(title);
  const findings = c.stages();
  const effectLead = c.effectLead();
  const effects = c.some(c.keyed(field.effects), 3);
  const opening = title.startsWith('一种') ? `${c.who}公开了一种${subject}。` : `${c.who}公开了${subject}。`;
  const scenario = `${c.who}可应用于${c.fill(rng.pick(field.scenarios))}领域。`;
  const problem = `现有技术中${c.fill(rng.pick(c.keyed(field.problems)))}，亟需新的解决方案。`;
  const abstract = fit(
    [
      [Math.min(2, findings.length), findings.length],
      [1, 3],
      [0, 2],
    ],
    [findings.length, 2, 0],
    textLengths.abstract,
    ([k = 0, e = 0, x = 0]) =>
      `${opening}${x > 1 ? problem : ''}${findings.slice(0, k).join('。')}。${effectLead}${effects.slice(0, e).join('，')}。${x > 0 ? scenario : ''}`,
  );
  const details = c.some(c.keyed(field.details), 6);
  const claims = fit(
    [
      [0, details.length],
      [0, findings.length],
    ],
    [4, 0],
    textLengths.claims,
    ([d = 0, f = 0]) => {
      const out = [`1.${subject}。`];
      details
        .slice(0, d)
        .forEach((detail, i) => out.push(`${i + 2}.根据权利要求1所述的应用，其特征在于，${detail}。`));
      findings
        .slice(0, f)
        .forEach((finding, i) =>
          out.push(`${d + i + 2}.根据权利要求1所述的应用，其特征在于，${finding.replace(/^本发明/, '')}。`),
        );
      return out.join('');
    },
  );
  return { abstract, claims };
}

/**
 * Title, abstract and claims of an invention or utility model patent of `pattern`, worded like CNIPA
 * texts: '本发明公开了一种…，包括以下步骤：S1、…' and '1.一种…，其特征在于，…'.
 */
export function composePatentText(
  rng: Rng,
  field: FieldVocabulary,
  pattern: TitlePattern,
  utilityModel: boolean,
): PatentText {
  const c = new Composer(rng, field, pattern, utilityModel);
  const title = c.filler.fill(pattern.title, true);
  const body =
    pattern.archetype === 'device'
      ? composeDevice(c, title)
      : pattern.archetype === 'algorithm'
        ? composeAlgorithm(c, title)
        : pattern.archetype === 'formula'
          ? composeFormula(c, title)
          : pattern.archetype === 'use'
            ? composeUse(c, title)
            : composeProcessLike(c, title);
  return { title, ...body };
}

/** A 外观设计 (design) text: the product name as title and the four-point brief; designs have no claims. */
export function composeDesignText(rng: Rng, field: FieldVocabulary): PatentText {
  const [name, use] = rng.pick(field.designs);
  const omission = rng.chance(0.5) ? `5．${rng.pick(designOmissions)}。` : '';
  const abstract = `1．本外观设计产品的名称：${name}。2．本外观设计产品的用途：本外观设计产品${use}。3．本外观设计产品的设计要点：在于${rng.pick(designPoints)}。4．最能表明设计要点的图片或照片：${rng.pick(designViews)}。${omission}`;
  return { title: name, abstract, claims: '' };
}
