import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { crmRoutes } from './routes';

/**
 * Customers (CRM): classes, customers with phones, orders, service records and field visits,
 * search, profile with calls, Excel import and export, and the audit log. Access in docs/crm.md.
 *
 * @example
 * await app.register(crmPlugin); // after floorPlugin: routing takes VIP changes at once
 */
export const crmPlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    await app.register(crmRoutes);
  },
  { name: 'crm', dependencies: ['floor'] },
);

export { listAudit, writeAudit, type AuditEntry } from './audit';
export { createCustomer, loadCustomer, searchCustomers } from './customers';
export { exportCustomers } from './export';
export { detectFormat, importCustomers, previewImport, UnreadableFileError, type ImportFormat, type ImportResult } from './imports';
export { CallerVipLevels, findCustomerByNumber, screenPopCustomer } from './lookup';
export { addOrder, addServiceRecord, addVisit, customerProfile } from './records';
export { nameInitials } from './pinyin';
