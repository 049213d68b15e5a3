import { z } from 'zod';
import { objectIdSchema } from '../object-id';
import { plainText } from '../text';

/** Kinds of registering institutions: 高校 (university) and 科研院所 (research institute). */
export const institutionKindCodes = ['university', 'institute'] as const;

/** One institution kind code. */
export type InstitutionKind = (typeof institutionKindCodes)[number];

/** Chinese labels of the institution kinds. */
export const institutionKindLabels: Readonly<Record<InstitutionKind, string>> = {
  university: '高校',
  institute: '科研院所',
};

/** Zod schema of an institution kind code. */
export const institutionKindSchema = z.enum(institutionKindCodes);

/** A university or research institute that registers patents. */
export const institutionSchema = z.object({
  id: objectIdSchema,
  name: plainText({ label: '单位名称', max: 100 }),
  kind: institutionKindSchema,
  /** Province-level region, e.g. '北京市'. */
  region: plainText({ label: '所在地区', max: 30 }).optional(),
});

/** A university or research institute, as the API returns it. */
export type Institution = z.infer<typeof institutionSchema>;
