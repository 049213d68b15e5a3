import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { isObjectId, objectIdSchema } from './object-id';

describe('objectIdSchema', () => {
  it('accepts 24 lower-case hex digits and nothing else', () => {
    expect(objectIdSchema.safeParse('65a1b2c3d4e5f60718293a4b').success).toBe(true);
    for (const bad of [
      '65A1B2C3D4E5F60718293A4B',
      '65a1b2c3d4e5f60718293a4',
      '65a1b2c3d4e5f60718293a4bc',
      'zz'.repeat(12),
      '',
    ])
      expect(objectIdSchema.safeParse(bad).error?.issues[0]?.message).toBe('无效的记录ID');
    expect(isObjectId('65a1b2c3d4e5f60718293a4b')).toBe(true);
    expect(isObjectId('65A1B2C3D4E5F60718293A4B')).toBe(false);
  });

  it('documents exactly the rule it enforces: one plain pattern, no flags to lose in OpenAPI', () => {
    expect(z.toJSONSchema(objectIdSchema)).toMatchObject({ type: 'string', pattern: '^[0-9a-f]{24}$' });
  });
});
