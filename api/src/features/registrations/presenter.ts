import type { PatentDoc } from '../patents/model';
import { fieldsOfPatent } from './cells';
import type { RegistrationDoc } from './model';
import { registrationFieldsSchema } from './schema';
import type { RegistrationDto, RegistrationRow } from './schema';

/** What 我的专利 reads of a search document. */
export interface PatentListDoc {
  id: string;
  applicationNumber: string;
  title: string;
  patentType: string;
  legalStatus: string;
  registeredAt: string;
}

/** A registered or withdrawn patent with the form's values. Pure. */
export function presentPatentRegistration(patent: PatentDoc & { updatedAt?: Date }): RegistrationDto {
  return {
    id: patent._id.toHexString(),
    state: patent.withdrawnAt ? 'withdrawn' : 'registered',
    fields: fieldsOfPatent(patent),
    institutionName: patent.institutionName,
    industriesDerived: patent.industriesDerived,
    registeredAt: patent.registeredAt.toISOString(),
    withdrawnAt: patent.withdrawnAt ? patent.withdrawnAt.toISOString() : null,
    updatedAt: (patent.updatedAt ?? patent.registeredAt).toISOString(),
  };
}

/** A draft with its stored values (missing ones defaulted: an older draft may lack a newer field). Pure. */
export function presentDraft(draft: RegistrationDoc, institutionName: string): RegistrationDto {
  const fields = registrationFieldsSchema.safeParse(draft.fields ?? {});
  return {
    id: draft._id.toHexString(),
    state: 'draft',
    fields: fields.success ? fields.data : registrationFieldsSchema.parse({}),
    institutionName,
    industriesDerived: false,
    registeredAt: null,
    withdrawnAt: null,
    updatedAt: draft.updatedAt.toISOString(),
  };
}

/** A draft's or withdrawn patent's row of 我的专利. Pure. */
export function presentRegistrationRow(doc: RegistrationDoc): RegistrationRow {
  const fields = registrationFieldsSchema.safeParse(doc.fields ?? {});
  return {
    id: doc._id.toHexString(),
    state: doc.state,
    applicationNumber: doc.applicationNumber,
    title: doc.title,
    patentType: fields.success && fields.data.patentType ? fields.data.patentType : null,
    legalStatus: fields.success && fields.data.legalStatus ? fields.data.legalStatus : null,
    registeredAt: null,
    updatedAt: (doc.withdrawnAt ?? doc.updatedAt).toISOString(),
  };
}

/** A registered patent's row, from its search document. Pure. */
export function rowOfSearchDoc(doc: PatentListDoc): RegistrationRow {
  return {
    id: doc.id,
    state: 'registered',
    applicationNumber: doc.applicationNumber,
    title: doc.title,
    patentType: doc.patentType,
    legalStatus: doc.legalStatus,
    registeredAt: doc.registeredAt,
    updatedAt: null,
  };
}
