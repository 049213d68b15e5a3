import type { Actions, PageServerLoad } from './$types';
import { apiFetch } from '$lib/server/api';
import { dataOrError } from '$lib/server/load-error';
import type { Registration } from '../registration';
import { saveRegistration, withdrawRegistration } from '../registration-actions.server';

/** One of the institution's patents with the form's values (another institution's: 404 from the API). */
export const load: PageServerLoad = async (event) => {
  const id = event.params.id;
  const registration = dataOrError(
    await apiFetch<Registration>(event, `/api/university/patents/${encodeURIComponent(id)}`),
  );
  return { registration, saved: event.url.searchParams.get('saved') === '1' };
};

export const actions: Actions = {
  save: (event) => saveRegistration(event, event.params.id, false),
  submit: (event) => saveRegistration(event, event.params.id, true),
  withdraw: (event) => withdrawRegistration(event, event.params.id),
};
