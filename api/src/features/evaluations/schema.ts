import {
  assignedPatentListSchema,
  enterpriseEvaluationPageSchema,
  enterpriseEvaluationSchema,
  evaluationPanelSchema,
  expertEvaluationPageSchema,
  expertEvaluationSchema,
  expertSuggestionListSchema,
  receivedEvaluationPageSchema,
} from '@panhuo/domain/evaluations/dto';
import {
  enterpriseEvaluationBodySchema,
  evaluationAssignmentBodySchema,
  evaluationParamsSchema,
  evaluationReviewBodySchema,
  expertEvaluationBodySchema,
  expertEvaluationListQuerySchema,
  officialEvaluationListQuerySchema,
} from '@panhuo/domain/evaluations/forms';
import { errorBodySchema } from '../auth/schema';

/** Request schemas of the evaluation routes: the domain's, shared with the web's forms. */
export const requests = {
  params: evaluationParamsSchema,
  expert: expertEvaluationBodySchema,
  enterprise: enterpriseEvaluationBodySchema,
  review: evaluationReviewBodySchema,
  assignment: evaluationAssignmentBodySchema,
  expertList: expertEvaluationListQuerySchema,
  officialList: officialEvaluationListQuerySchema,
};

/** Response schemas (OpenAPI). */
export const responses = {
  panel: evaluationPanelSchema,
  expert: expertEvaluationSchema,
  enterprise: enterpriseEvaluationSchema,
  expertPage: expertEvaluationPageSchema,
  enterprisePage: enterpriseEvaluationPageSchema,
  receivedPage: receivedEvaluationPageSchema,
  suggestions: expertSuggestionListSchema,
  assigned: assignedPatentListSchema,
  error: errorBodySchema,
};
