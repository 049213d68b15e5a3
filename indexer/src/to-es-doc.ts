import type { PatentDoc } from '@panhuo/api/features/patents/model';
import { presentPatent } from '@panhuo/api/features/patents/presenter';
import type { PatentDto } from '@panhuo/domain/patents/dto';

/** The document Elasticsearch stores for a patent (mappings/patents.json, `dynamic: strict`). */
export type PatentEsDoc = PatentDto & { rev: number };

/** Maps a stored patent to its search document: the API's DTO plus `rev`, the external version. Pure. */
export function toEsDoc(patent: PatentDoc): PatentEsDoc {
  return { ...presentPatent(patent), rev: patent.rev };
}
