import { notFound } from '../../errors';
import { PatentModel } from './model';
import type { PatentDoc } from './model';
import { PortfolioModel } from './portfolio-model';
import type { PortfolioDoc } from './portfolio-model';
import { presentPatent, presentPortfolio } from './presenter';
import type { PatentDto, PortfolioDto } from './presenter';

/** One patent with all its fields and 建档信息, read from the source of truth by `_id`. */
export async function getPatent(id: string): Promise<PatentDto> {
  const patent = await PatentModel.findById(id).lean<PatentDoc>();
  if (!patent) throw notFound('专利不存在');
  return presentPatent(patent);
}

/** One portfolio (组合专利) by `_id`; its member patents are listed through the search module. */
export async function getPortfolio(id: string): Promise<PortfolioDto> {
  const portfolio = await PortfolioModel.findById(id).lean<PortfolioDoc>();
  if (!portfolio) throw notFound('组合专利不存在');
  return presentPortfolio(portfolio);
}
