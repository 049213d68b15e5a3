import { objectIdSchema } from '@panhuo/domain/object-id';
import { consolePageSchema } from '@panhuo/domain/operator/console';
import { verificationDtoSchema, verificationFormSchema } from '@panhuo/domain/verification/application';
import { z } from 'zod';
import { uploadedLicenceSchema } from './upload';

/**
 * Body of POST /api/verifications after the upload guard: the form's text fields (domain schema, shared
 * with the web form) and the licence file. Every bad or missing field, the file included, is reported in
 * one 400.
 */
export const verificationSubmissionSchema = verificationFormSchema.extend({ licence: uploadedLicenceSchema });

/** `:id` of an application. */
export const verificationParams = z.object({ id: objectIdSchema });

/** A page of applications. */
export const verificationPageSchema = consolePageSchema(verificationDtoSchema);
