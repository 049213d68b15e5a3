// `npm run import -- <file> [--dry-run]`: loads a CSV or XLSX file of patents into the running stack's
// MongoDB (the indexer mirrors them to Elasticsearch through the outbox). Prints a per-row report in
// Chinese and exits 1 when the file is refused; nothing is imported then.
// `npm run import -- --write-template [dir]` regenerates docs/import-template.csv and .xlsx.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import mongoose from 'mongoose';
import { ConfigError, loadCliConfig } from '../../config';
import { AppError } from '../../errors';
import { connectMongo, syncMongoIndexes } from '../../infra/mongo';
import { Progress } from '../../infra/progress';
import { importPatents, MAX_FILE_BYTES } from './service';
import type { ImportResult } from './service';
import { buildCsvTemplate, buildXlsxTemplate } from './template';

const usage = `用法：
  npm run import -- <文件.xlsx|文件.csv> [--dry-run]   导入专利（--dry-run 只校验，不写入）
  npm run import -- --write-template [目录]            生成导入模板（默认 docs/）

模板：docs/import-template.xlsx（含“填写说明”工作表）或 docs/import-template.csv。
第1行为表头，第2行“必填/选填”为提示行（导入时自动跳过），第3行为示例，请替换为实际数据。
环境变量 MONGODB_URI 未设置时连接本机开发环境 mongodb://127.0.0.1:27017/。`;

const root = resolve(import.meta.dirname, '../../../..');

async function main(args: string[]): Promise<number> {
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) {
    console.log(usage);
    return args.length === 0 ? 2 : 0;
  }
  if (args[0] === '--write-template') return writeTemplates(resolve(root, args[1] ?? 'docs'));

  const dryRun = args.includes('--dry-run');
  const files = args.filter((a) => !a.startsWith('--'));
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--dry-run');
  if (files.length !== 1 || unknown.length > 0) {
    console.error(usage);
    return 2;
  }
  // npm runs scripts from the repository root; INIT_CWD is where the user typed the command.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), files[0] ?? '');
  const size = await stat(path).then(
    (s) => s.size,
    () => null,
  );
  if (size === null) {
    console.error(`找不到文件：${path}`);
    return 1;
  }
  // Checked before reading, so a huge file is not loaded into memory only to be refused.
  if (size > MAX_FILE_BYTES) {
    console.error(
      `导入失败：文件大小 ${(size / 1024 / 1024).toFixed(1)} MB，超过 20 MB 的上限，请分成几个文件导入。`,
    );
    return 1;
  }

  const config = loadCliConfig();
  try {
    await connectMongo(config);
    await syncMongoIndexes();
  } catch (err) {
    console.error(
      `无法连接 MongoDB（${config.MONGODB_URI}）：${err instanceof Error ? err.message : String(err)}`,
    );
    console.error('请先启动开发环境（npm start 或 npm run stack -- start），或设置 MONGODB_URI。');
    return 1;
  }
  try {
    let progress: Progress | undefined;
    const result = await importPatents(await readFile(path), {
      dryRun,
      onProgress: ({ phase, done, total }) => {
        // A bar is noise for a handful of patents; it helps when thousands are written.
        if (phase !== 'write' || total < 500) return;
        progress ??= new Progress('写入专利', total);
        progress.update(done);
      },
    });
    if (result.ok) progress?.finish(result.patents.inserted + result.patents.updated);
    return report(result);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    console.error(`导入失败：${err.message}`);
    for (const e of err.fieldErrors ?? []) console.error(`  ${describePath(e.path)}：${e.message}`);
    return 1;
  } finally {
    await mongoose.disconnect();
  }
}

/** `row 12 / 申请号` → `第 12 行 申请号`. */
function describePath(path: string): string {
  const m = /^row (\d+)(?: \/ (.+))?$/.exec(path);
  return m ? `第 ${m[1]} 行${m[2] ? ` ${m[2]}` : ''}` : path;
}

function report(result: ImportResult): number {
  if (!result.ok) {
    console.error(
      `导入失败：文件中有 ${result.errors.length} 处错误，未导入任何数据。请按下列提示修改后重新导入：`,
    );
    for (const e of result.errors) console.error(`  第 ${e.row} 行 ${e.column}：${e.message}`);
    return 1;
  }
  const { patents: p, institutions: i, portfolios: g } = result;
  const verb = result.dryRun ? '将' : '已';
  console.log(
    result.dryRun
      ? `校验通过（--dry-run，未写入任何数据），共 ${result.rows} 行：`
      : `导入完成，共 ${result.rows} 行：`,
  );
  console.log(`  专利：${verb}新增 ${p.inserted} 件，${verb}更新 ${p.updated} 件，无变化 ${p.unchanged} 件`);
  console.log(`  登记单位：${verb}新增 ${i.created} 个，已有 ${i.existing} 个`);
  console.log(
    `  组合专利：${verb}新增 ${g.inserted} 个，${verb}更新 ${g.updated} 个，无变化 ${g.unchanged} 个`,
  );
  return 0;
}

async function writeTemplates(dir: string): Promise<number> {
  await writeFile(join(dir, 'import-template.csv'), buildCsvTemplate());
  await writeFile(join(dir, 'import-template.xlsx'), await buildXlsxTemplate());
  console.log(`已生成 ${join(dir, 'import-template.csv')} 和 ${join(dir, 'import-template.xlsx')}`);
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exitCode = 1;
}
