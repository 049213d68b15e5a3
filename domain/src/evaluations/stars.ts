import { z } from 'zod';

/** 专利评分: one to five stars, whole stars only. */
export const starValues = [5, 4, 3, 2, 1] as const;

/** One star rating. */
export type Stars = (typeof starValues)[number];

/**
 * What each rating means, exactly as the manual words it (三、专利转化评价库). Shown beside every star
 * input, the expert's and the admin's alike.
 */
export const starMeanings: Readonly<Record<Stars, string>> = {
  5: '5星代表该专利技术成熟度高，可直接用于产业',
  4: '4星代表该专利具有较高的潜在价值和产业化前景',
  3: '3星代表该专利具有一定的潜在价值和产业化前景',
  2: '2星代表该专利潜在价值低，产业化前景不明朗',
  1: '1星代表无潜在价值和产业化前景',
};

/** The manual's instruction above the meanings. */
export const starInstruction = '请您从本单位的实际角度出发，对该专利的潜在价值和产业化前景进行五星评价';

/**
 * A star rating as the API takes it: a JSON integer from 1 to 5 ("4", 4.5 and 6 are field errors). The
 * web's form action turns the radio button's text into a number first.
 */
export const starsSchema = z
  .number({ error: (issue) => (issue.input === undefined ? '请选择专利评分' : '专利评分应为1至5的整数') })
  .int({ error: '专利评分应为1至5的整数' })
  .min(1, { error: '专利评分最低1星' })
  .max(5, { error: '专利评分最高5星' });

/** True for a whole number of stars from 1 to 5. */
export function isStars(value: unknown): value is Stars {
  return starsSchema.safeParse(value).success;
}
