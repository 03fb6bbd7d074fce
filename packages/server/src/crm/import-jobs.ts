import type { Queryable, Store } from '../store/index';
import { writeAudit } from './audit';
import type { ImportOptions } from './imports';

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
 * Imports a stopped server was running will never finish: they show as failed with what their
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
