import { error } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { saveRegistration } from '../registration-actions.server';

/** 专利登记: an empty form for the university user (others: 403, as the API would answer). */
export const load: PageServerLoad = ({ locals }) => {
  if (!locals.user?.abilities.includes('university.register_patents')) {
    error(403, { message: '仅高校院所用户可以登记专利', code: 'forbidden' });
  }
  return {};
};

export const actions: Actions = {
  /** 保存草稿: a new draft, then its own page. */
  save: (event) => saveRegistration(event, null, false),
  /** 提交登记: saved as a draft, then registered. */
  submit: (event) => saveRegistration(event, null, true),
};
