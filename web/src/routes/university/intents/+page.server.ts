import type { PageServerLoad } from './$types';
import { loadIntentList } from '../../demands/intents/intent-pages';

/** 收到的合作意向: the intents addressed to the institution, unread first by their markers. */
export const load: PageServerLoad = (event) => loadIntentList(event, '/api/university/intents');
