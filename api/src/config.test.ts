import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const valid = {
  MONGODB_URI: 'mongodb://127.0.0.1:27018/',
  ELASTICSEARCH_URL: 'http://127.0.0.1:9201',
  SMTP_URL: 'smtp://127.0.0.1:1026',
};

describe('loadConfig', () => {
  it('returns typed values with defaults', () => {
    const config = loadConfig({ ...valid, PORT: '4000' });
    expect(config.PORT).toBe(4000);
    expect(config.MONGODB_DB).toBe('panhuo');
    expect(config.ES_INDEX_PREFIX).toBe('panhuo');
    expect(config.DEPENDENCY_TIMEOUT_MS).toBe(3000);
  });

  it('names every missing or malformed variable in one readable message', () => {
    let error: unknown;
    try {
      loadConfig({ ELASTICSEARCH_URL: 'ftp://x', PORT: 'eighty' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/MONGODB_URI: .*\(not set\)/);
    expect(message).toMatch(/SMTP_URL: .*\(not set\)/);
    expect(message).toMatch(/ELASTICSEARCH_URL: must be an http/);
    expect(message).toMatch(/PORT:/);
  });

  it('refuses an index prefix that Elasticsearch would refuse', () => {
    expect(() => loadConfig({ ...valid, ES_INDEX_PREFIX: 'Upper Case' })).toThrow(/ES_INDEX_PREFIX/);
  });
});
