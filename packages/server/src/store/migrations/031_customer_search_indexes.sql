-- Searches that scanned every customer: a number's start and pinyin initials are prefixes (LIKE 'x%'),
-- which a plain index serves only under the C collation; the last four digits are an expression.
-- On 500,000 customers each scan held the embedded store, and so the whole process, for seconds.
CREATE INDEX customer_phones_number_prefix ON customer_phones (number_e164 text_pattern_ops);
CREATE INDEX customer_phones_last_four ON customer_phones ((right(number_e164, 4)));
CREATE INDEX customers_initials_prefix ON customers (name_initials text_pattern_ops);
