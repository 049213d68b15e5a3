// `npx tsx api/src/seed/accounts-cli.ts`: creates the demo accounts that are missing (operator, three
// enterprises with admins and experts in every status, university users) in the dev stack's MongoDB unless
// MONGODB_URI is set, and prints the logins.
import mongoose from 'mongoose';
import { roleLabels } from '@panhuo/domain/accounts/roles';
import { ConfigError, loadConfig } from '../config';
import { connectMongo, syncMongoIndexes } from '../infra/mongo';
import { seedDemoAccounts } from './accounts';

// The dev profile's servers (stack/): only MongoDB is used, the other two just satisfy loadConfig.
const devDefaults = {
  MONGODB_URI: 'mongodb://127.0.0.1:27017/',
  ELASTICSEARCH_URL: 'http://127.0.0.1:9200',
  SMTP_URL: 'smtp://127.0.0.1:1025',
};

async function main(): Promise<void> {
  const config = loadConfig({ ...devDefaults, ...process.env });
  await connectMongo(config);
  try {
    await syncMongoIndexes();
    const logins = await seedDemoAccounts();
    console.log(
      `[seed] demo accounts in db ${config.MONGODB_DB} (password of each: ${logins[0]?.password}):`,
    );
    for (const login of logins) {
      console.log(`  ${roleLabels[login.role].padEnd(8, '　')} ${login.account.padEnd(16)} ${login.note}`);
    }
  } finally {
    await mongoose.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
