import { objectIdSchema } from '@panhuo/domain/object-id';
import {
  intentCreatedDtoSchema,
  intentDetailDtoSchema,
  intentDraftDtoSchema,
  intentPageDtoSchema,
} from '@panhuo/domain/intents/dto';
import {
  intentCloseBodySchema,
  intentCreateBodySchema,
  intentDraftQuerySchema,
  intentListQuerySchema,
  intentMessageBodySchema,
  intentParamsSchema,
  intentReplyBodySchema,
} from '@panhuo/domain/intents/forms';
import { errorBodySchema } from '../auth/schema';
import { attachmentsSchema } from './attachments';

/** Request schemas of the intent routes: the domain's, shared with the web's forms. */
export const requests = {
  params: intentParamsSchema,
  draft: intentDraftQuerySchema,
  create: intentCreateBodySchema,
  list: intentListQuerySchema,
  /** JSON `{ text }`, or multipart with the text and up to three files in `attachments`. */
  message: intentMessageBodySchema.extend({ attachments: attachmentsSchema.optional() }),
  attachment: intentParamsSchema.extend({ attachmentId: objectIdSchema }),
  reply: intentReplyBodySchema,
  close: intentCloseBodySchema,
};

/** Response schemas (OpenAPI). */
export const responses = {
  draft: intentDraftDtoSchema,
  created: intentCreatedDtoSchema,
  detail: intentDetailDtoSchema,
  page: intentPageDtoSchema,
  error: errorBodySchema,
};
