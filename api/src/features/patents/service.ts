import type { Client } from '@elastic/elasticsearch';
import { notFound } from '../../errors';
import type { PatentDto, PatentListItem, PortfolioDto } from '@panhuo/domain/patents/dto';
import { MAX_PAGE_SIZE } from '../search/schema';
import { searchPatents } from '../search/search';
import { PatentModel } from './model';
import type { PatentDoc } from './model';
import { PortfolioModel } from './portfolio-model';
import type { PortfolioDoc } from './portfolio-model';
import { presentPatent, presentPortfolio } from './presenter';

/** One patent with all its fields and 建档信息, read from the source of truth by `_id`. */
export async function getPatent(id: string): Promise<PatentDto> {
  const patent = await PatentModel.findById(id).lean<PatentDoc>();
  // A withdrawn (撤回) patent has left every library; its detail goes with it (its institution manages it
  // through 我的专利, and evaluations and intents already made show their own copies).
  if (!patent || patent.withdrawnAt) throw notFound('专利不存在');
  return presentPatent(patent);
}

/**
 * One portfolio (组合专利) by `_id`, with its member patents listed from Elasticsearch (every patent list
 * reads the search index) in application-date order.
 */
export async function getPortfolio(
  es: Client,
  index: string,
  id: string,
): Promise<PortfolioDto & { patents: PatentListItem[] }> {
  const portfolio = await PortfolioModel.findById(id).lean<PortfolioDoc>();
  if (!portfolio) throw notFound('组合专利不存在');
  const members = await searchPatents(
    es,
    index,
    { filters: {}, sort: 'applicationDate:asc', page: 1, size: MAX_PAGE_SIZE },
    { ids: portfolio.patentIds.map((pid) => pid.toHexString()) },
  );
  return { ...presentPortfolio(portfolio), patents: members.hits };
}
