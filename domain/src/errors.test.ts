import { describe, it, expect } from 'vitest';
import { errorCodes, errorCodeSchema, errorMessages, isErrorCode } from './errors';

describe('API error codes', () => {
  it('includes the codes the API and search/import rely on', () => {
    expect(errorCodes).toEqual(
      expect.arrayContaining([
        'validation_failed',
        'not_found',
        'unauthenticated',
        'forbidden',
        'conflict',
        'rate_limited',
        'dependency_unavailable',
        'payload_too_large',
        'internal_error',
        'export_too_large',
        'query_too_long',
        'unknown_filter_code',
        'bad_application_number',
        'import_invalid_rows',
        'unsupported_file',
        'expert_info_incomplete',
        'expert_status_conflict',
      ]),
    );
  });

  it('uses unique snake_case codes, each with a Chinese message and nothing else', () => {
    expect(new Set(errorCodes).size).toBe(errorCodes.length);
    for (const code of errorCodes) {
      expect(code).toMatch(/^[a-z]+(_[a-z0-9]+)*$/);
      expect(errorMessages[code]).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(Object.keys(errorMessages).sort()).toEqual([...errorCodes].sort());
    expect(errorMessages.dependency_unavailable).toContain('服务暂不可用');
  });

  it('narrows unknown values', () => {
    expect(isErrorCode('not_found')).toBe(true);
    expect(isErrorCode('NotFound')).toBe(false);
    expect(isErrorCode(404)).toBe(false);
    expect(errorCodeSchema.safeParse('rate_limited').success).toBe(true);
    expect(errorCodeSchema.safeParse('teapot').success).toBe(false);
  });
});
