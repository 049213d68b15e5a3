/** 组合专利 as the API answers it (api/src/features/university-portfolios/schema.ts). */

export interface PortfolioMember {
  id: string;
  applicationNumber: string;
  title: string;
  withdrawn: boolean;
}

export interface PortfolioRow {
  id: string;
  name: string;
  description: string;
  patentCount: number;
  updatedAt: string;
}

export type Portfolio = PortfolioRow & { members: PortfolioMember[] };
