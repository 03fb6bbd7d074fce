import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { importModes, type ImportMode } from '@banzu/contract';
import { mappingProblems, suggestMapping, type ColumnMapping } from '@banzu/core';
import { loadConfig } from '../config/index';
import { detectFormat, importCustomers, previewImport, UnreadableFileError } from '../crm/index';
import { importProblem } from '../http/messages';
import { parseFlags, said, UsageError, type Command } from './command';
import { openExistingBanzu } from './existing';

/** The mapping flag: {"name":"姓名","phone":"手机", …}, field to the file's column header. */
function parseMapping(raw: string): ColumnMapping {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new UsageError(said('cli.import.mapping_not_json', { value: raw }));
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw new UsageError(said('cli.import.mapping_not_object'));
  }
  return value as ColumnMapping;
}

export const importCommand: Command = {
  name: 'import',
  summary: [
    'Imports customers from a .xlsx or .csv file. Every row is checked first; with all-or-nothing (the default) any error writes',
    'nothing, with valid-only the valid rows are written. Rows whose external id is known update that customer.',
    'Without --mapping the columns are matched by their headers (姓名/name, 手机/phone, 客户编号/external id …).',
    'Exit code 0 when every row was imported, 1 when any was rejected, 2 for bad flags or an unreadable file.',
  ].join('\n'),
  usage: `banzu import customers <file> [--mode ${importModes.join('|')}] [--mapping <json>] [--json] [--data-dir <dir>]`,
  async run(argv) {
    const { values, positionals } = parseFlags(argv, { mode: { type: 'string' }, mapping: { type: 'string' }, json: { type: 'boolean' }, 'data-dir': { type: 'string' } }, true);
    const [subject, file, ...extra] = positionals;
    if (subject !== 'customers') throw new UsageError(subject ? said('cli.import.only_customers', { subject }) : said('cli.import.what'));
    if (!file) throw new UsageError(said('cli.import.file_required'));
    if (extra.length > 0) throw new UsageError(said('cli.import.one_file', { extra: extra.join(' ') }));
    const mode = (values.mode ?? 'all-or-nothing') as ImportMode;
    if (!(importModes as readonly string[]).includes(mode)) throw new UsageError(said('cli.one_of', { flag: '--mode', choices: importModes.join('、'), value: mode }));
    const explicit = values.mapping === undefined ? undefined : parseMapping(values.mapping);
    if (!(await stat(file).catch(() => null))?.isFile()) throw new UsageError(said('cli.import.no_file', { file }));

    const head = Buffer.alloc(4);
    const handle = await open(file, 'r');
    await handle.read(head, 0, 4, 0);
    await handle.close();
    const source = () => createReadStream(file);
    let mapping: ColumnMapping;
    let format: ReturnType<typeof detectFormat>;
    try {
      format = detectFormat(head, file);
      const { headers } = await previewImport(source, format, 0);
      mapping = explicit ?? suggestMapping(headers);
      const problems = mappingProblems(mapping, headers);
      if (problems.length > 0) throw new UsageError(said('cli.import.columns', { problems: problems.join('；'), headers: headers.join('、') }));
    } catch (err) {
      if (err instanceof UnreadableFileError) throw new UsageError(said('cli.flag_problem', { flag: file, detail: err.message }));
      throw err;
    }

    const banzu = await openExistingBanzu(loadConfig({ overrides: { dataDir: values['data-dir'] } }));
    try {
      const imported = await importCustomers(banzu.store, source, format, { mode, mapping, userId: null, fileName: basename(file) });
      // Problems read as in the console, in its default language (Chinese).
      const errors = imported.errors.map((e) => ({ row: e.row, column: e.column, code: e.code, message: importProblem(e, 'zh') }));
      const result = { ...imported, errors };
      if (values.json) console.log(JSON.stringify(result));
      else {
        console.log(
          `imported ${result.imported}, updated ${result.updated}, rejected ${result.rejected}${mode === 'all-or-nothing' && result.errors.length > 0 ? ' (all or nothing: nothing written)' : ''}`,
        );
        for (const e of result.errors.slice(0, 50)) console.log(`  row ${e.row}, ${e.column}: ${e.message} [${e.code}]`);
        if (result.errors.length > 50) console.log(`  … and ${result.errors.length - 50} more (use --json for all)`);
      }
      return result.rejected > 0 ? 1 : 0;
    } finally {
      await banzu.close();
    }
  },
};
