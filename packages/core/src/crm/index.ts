/**
 * Customers (CRM), the pure part: phone numbers normalised to E.164 and formatted for display (../access
 * masks them), the meaning of a search text, CSV reading, and the checking of imported rows.
 *
 * @example
 * normalizePhone('13812345678'); // { ok: true, e164: '+8613812345678', kind: 'mobile', country: 'CN' }
 * formatPhone('+8613812345678');  // '138 1234 5678'
 */
export { formatPhone, normalizePhone, phoneVariants, type NormalizedPhone, type PhoneKind, type PhoneProblem } from './phone';
export { initialsKey, parseCustomerQuery, type CustomerQuery } from './search';
export { CsvReader } from './csv';
export {
  cellText,
  checkMapping,
  customerFields,
  CustomerRowChecker,
  mappingProblems,
  parseDate,
  suggestMapping,
  type CellValue,
  type ColumnMapping,
  type CustomerField,
  type CustomerRow,
  type ImportContext,
  type ImportError,
  type ImportErrorCode,
  type MappingProblem,
} from './import';
