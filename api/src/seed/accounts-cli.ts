// `npx tsx api/src/seed/accounts-cli.ts`: creates the demo accounts that are missing (operator, three
// enterprises with admins and experts in every status, university users) in the dev stack's MongoDB unless
// MONGODB_URI is set, and prints the logins.
import mongoose from 'mongoose';
import { roleLabels } from '@panhuo/domain/accounts/roles';
import { ConfigError, loadCliConfig } from '../config';
import { connectMongo, syncMongoIndexes } from '../infra/mongo';
import { seedDemoAccounts } from './accounts';

async function main(): Promise<void> {
  const config = loadCliConfig();
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
