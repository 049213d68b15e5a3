import type { PageServerLoad } from './$types';
import { loadIntentList } from './intents/intent-pages';

/** 企业需求发布管理—高校院所合作需求: the enterprise's directed intents with state, filters and paging. */
export const load: PageServerLoad = (event) => loadIntentList(event, '/api/intents');
