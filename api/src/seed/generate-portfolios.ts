import type mongoose from 'mongoose';
import { generatePatentAt, institutionIdFor, patentIdFor, portfolioIdFor } from './generate-patents';
import type { GenerateOptions } from './generate-patents';
import { planChunkSize, portfoliosInRun, teamStream } from './portfolio-plan';
import { portfolioEndings, portfolioOffers } from './vocabulary/common';

type ObjectId = mongoose.Types.ObjectId;

/** A generated 组合专利, shaped like a document of the `portfolios` collection. */
export interface SeedPortfolio {
  _id: ObjectId;
  name: string;
  description: string;
  institutionId: ObjectId;
  institutionName: string;
  patentIds: ObjectId[];
}

const ordinals = ['二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * Streams the portfolios of a run (the same options as `generatePatents`): each bundles the patents whose
 * `portfolioIds` name it, all of one institution and field. Names are unique per institution (a unique
 * index holds that): a repeated topic gets another ending, then an ordinal (…专利组合（二期）). Member
 * patents are regenerated to describe the bundle, about 5 % extra work.
 */
export function* generatePortfolios(options: GenerateOptions): Generator<SeedPortfolio> {
  const usedNames = new Map<string, Set<string>>();
  for (let chunk = 0; chunk * planChunkSize < options.count; chunk++) {
    for (const plan of portfoliosInRun(options.seed, chunk, options.count)) {
      const rng = teamStream(plan, 'portfolio');
      const institutionName = plan.institution.name;
      let used = usedNames.get(institutionName);
      if (!used) {
        used = new Set();
        usedNames.set(institutionName, used);
      }
      const endings = rng.sample(portfolioEndings, portfolioEndings.length);
      let name = endings.map((ending) => `${plan.topic}${ending}`).find((candidate) => !used.has(candidate));
      for (let k = 0; !name; k++) {
        const candidate = `${plan.topic}${endings[0] ?? '专利组合'}（${ordinals[k % ordinals.length]}期${k >= ordinals.length ? k : ''}）`;
        if (!used.has(candidate)) name = candidate;
      }
      used.add(name);

      const members = plan.members.map((index) => generatePatentAt(options, index));
      const inventions = members.filter((p) => p.patentType === 'invention').length;
      const lead = members[0]?.inventors[0] ?? '';
      const examples = members
        .slice(0, 2)
        .map((p) => `《${p.title}》`)
        .join('');
      const scenario = rng.pick(plan.field.scenarios);
      const description =
        `本组合由${institutionName}${lead}团队围绕${plan.topic}布局形成，共${members.length}件专利` +
        `${inventions > 0 ? `（其中发明专利${inventions}件）` : ''}，代表性专利包括${examples}等，` +
        `覆盖材料、工艺、装置与应用等关键环节，可支撑${scenario}领域的产业化应用。${rng.pick(portfolioOffers)}。`;

      yield {
        _id: portfolioIdFor(options.seed, plan.slot),
        name,
        description,
        institutionId: options.institutionIds?.get(institutionName) ?? institutionIdFor(institutionName),
        institutionName,
        patentIds: plan.members.map((index) => patentIdFor(options.seed, index)),
      };
    }
  }
}
