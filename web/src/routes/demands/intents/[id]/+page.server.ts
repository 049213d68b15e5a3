import type { Actions, PageServerLoad } from './$types';
import { intentActions, loadIntent } from '../intent-pages';

/** 高校院所合作需求 detail: the form sent, the institution's answers and the conversation. */
export const load: PageServerLoad = (event) => loadIntent(event, '/api/intents');

export const actions: Actions = intentActions('/api/intents');
