/** An amount in fen as yuan: ¥3,299.00. */
export function money(cents: number, currency = 'CNY'): string {
  return new Intl.NumberFormat('zh-CN', { style: 'currency', currency }).format(cents / 100);
}
