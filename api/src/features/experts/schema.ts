import {
  expertCertificateSchema,
  expertCreatedSchema,
  expertDetailSchema,
  expertLibraryPageSchema,
  expertListPageSchema,
  expertReviewListPageSchema,
  myExpertSchema,
} from '@panhuo/domain/experts/dto';
import {
  expertCreateBodySchema,
  expertInfoBodySchema,
  expertLibraryQuerySchema,
  expertListQuerySchema,
  expertParamsSchema,
  expertReviewBodySchema,
  expertReviewListQuerySchema,
} from '@panhuo/domain/experts/forms';
import { errorBodySchema } from '../auth/schema';

/** Request schemas of the expert routes: the domain's, shared with the web's forms. */
export const requests = {
  params: expertParamsSchema,
  create: expertCreateBodySchema,
  list: expertListQuerySchema,
  reviewList: expertReviewListQuerySchema,
  library: expertLibraryQuerySchema,
  info: expertInfoBodySchema,
  review: expertReviewBodySchema,
};

/** Response schemas (OpenAPI). */
export const responses = {
  created: expertCreatedSchema,
  list: expertListPageSchema,
  detail: expertDetailSchema,
  reviewList: expertReviewListPageSchema,
  library: expertLibraryPageSchema,
  certificate: expertCertificateSchema,
  mine: myExpertSchema,
  error: errorBodySchema,
};
