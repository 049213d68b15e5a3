import type { Actions, PageServerLoad } from './$types';
import { intentActions, loadIntent } from '../../../demands/intents/intent-pages';

/** 收到的合作意向 detail: the enterprise's intent; opening it marks it 已查看. */
export const load: PageServerLoad = (event) => loadIntent(event, '/api/university/intents');

export const actions: Actions = intentActions('/api/university/intents');
