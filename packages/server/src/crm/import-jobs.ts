import type { Queryable, Store } from '../store/index';
import { writeAudit } from './audit';
import { writeDecidedImport, type ImportOptions } from './imports';

/** What an import the server was running when it stopped tells its user. */
export const interruptedImport =
  '导入时服务器停止了:“只导入有效行”时停止前写入的批次已保存(见导入和更新的条数),“全部成功才导入”时没有写入任何数据;请重新上传文件(有外部编号的行会更新原客户)';

/**
 * Keeps the job's counts with each written batch, in the batch's transaction: after a crash the job
 * says exactly what the file left in the store.
 *
 * @example
 * await importCustomers(store, source, 'xlsx', { ...options, onBatchWritten: recordJobProgress(job.id) });
 */
export function recordJobProgress(jobId: string): NonNullable<ImportOptions['onBatchWritten']> {
  return async (tx: Queryable, written) => {
    await tx.query('UPDATE import_jobs SET imported = $2, updated = $3, processed_rows = $4 WHERE id = $1', [jobId, written.imported, written.updated, written.rows]);
  };
}

/**
 * Ends the job with the import's result, in the transaction that writes the import's audit entry: a
 * crash leaves either both or neither.
 *
 * @example
 * await importCustomers(store, source, 'xlsx', { ...options, jobId: job.id, onFinished: finishImportJob(job.id) });
 */
export function finishImportJob(jobId: string): NonNullable<ImportOptions['onFinished']> {
  return async (tx: Queryable, result) => {
    await tx.query(
      `UPDATE import_jobs SET status = 'done', file = NULL, total_rows = $2, processed_rows = $2, imported = $3, updated = $4, rejected = $5,
         errors = $6, finished_at = now() WHERE id = $1`,
      [jobId, result.rows, result.imported, result.updated, result.rejected, JSON.stringify(result.errors)],
    );
  };
}

/**
 * Finishes the all-or-nothing imports a stopped process had decided to write (every row valid) but
 * not written to the end: the rows still put aside are written in short batches, the job's counts
 * kept with each, then the job ends as done with one audit entry. Stops between batches once `signal`
 * aborts; the rest is finished at the next start.
 *
 * @example
 * await finishDecidedImports(store);
 */
export async function finishDecidedImports(store: Store, signal?: AbortSignal): Promise<void> {
  const decided = await store.query<{ import_id: string; job_id: string | null }>('SELECT import_id, job_id FROM customer_import_commits ORDER BY decided_at');
  for (const { import_id, job_id } of decided) {
    if (signal?.aborted) return;
    const job = job_id === null ? {} : { onBatchWritten: recordJobProgress(job_id), onFinished: finishImportJob(job_id) };
    await writeDecidedImport(store, import_id, { ...job, signal });
  }
}

/**
 * Imports a stopped server was running will never finish (but those decided to be written whole,
 * which {@link finishDecidedImports} finishes): they show as failed with what their
 * committed batches wrote, and the audit log records that much, as a finished import would.
 *
 * @example
 * await failInterruptedImports(store, [...running.keys()]);
 */
export async function failInterruptedImports(store: Store, stillRunning: readonly string[]): Promise<void> {
  await store.transaction(async (tx) => {
    const stopped = await tx.query<{ user_id: string | null; file_name: string; mode: string | null; imported: number; updated: number; processed_rows: number }>(
      `UPDATE import_jobs SET status = 'failed', file = NULL, finished_at = now(), failure = $1
       WHERE status = 'running' AND NOT (id::text = ANY($2))
         AND NOT EXISTS (SELECT 1 FROM customer_import_commits c WHERE c.job_id = import_jobs.id)
       RETURNING user_id, file_name, mode, imported, updated, processed_rows`,
      [interruptedImport, [...stillRunning]],
    );
    for (const job of stopped) {
      await writeAudit(tx, {
        userId: job.user_id,
        action: 'import',
        subject: 'customers',
        rowCount: job.imported + job.updated,
        detail: { fileName: job.file_name, mode: job.mode, imported: job.imported, updated: job.updated, interrupted: true },
      });
    }
  });
}
