import type { Actions } from './$types';
import { savePortfolio } from '../portfolio-actions.server';

export const actions: Actions = {
  save: (event) => savePortfolio(event, null),
};
