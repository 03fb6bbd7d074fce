/** What customers, customer classes, service records and imports answer, in both languages (part of the catalogue, server/http/messages). */
export const crmMessages = {
  // Customer classes.
  'crm.class_exists': { zh: '客户类别“{code}”已存在', en: 'the customer class {code} exists' },
  'crm.class_built_in': { zh: '“{code}”是内置的客户类别，不能删除', en: '{code} is a built-in class: it cannot be removed' },
  'crm.class_in_use': { zh: '还有客户属于类别“{code}”，请先把他们改到其他类别', en: 'customers have class {code}: move them to another class first' },
  // Customers.
  'crm.masked_search': { zh: '只能按完整号码或号码后四位搜索', en: 'search by the whole number or its last four digits only' },
  'crm.bad_phone': { zh: '电话号码“{value}”有误：{problem}', en: 'phone number "{value}": {problem}' },
  'crm.phone_twice': { zh: '号码 {value} 填了两次', en: '{value} is listed twice' },
  'crm.phone_taken': { zh: '号码 {number} 已属于客户“{customer}”', en: 'the number {number} belongs to customer {customer}' },
  'crm.no_class': { zh: '没有客户类别“{code}”', en: 'no customer class "{code}"' },
  'crm.agent_standing': { zh: '座席不能修改客户的 VIP 等级、客户分类或所属班组', en: 'an agent cannot change a customer’s VIP level, class or team' },
  'crm.agent_owns_own': { zh: '座席只能把客户归到自己名下', en: 'an agent can make only themselves a customer’s owner' },
  'crm.owner_in_team': { zh: '只能把客户分配给本班组的人', en: 'a customer can be given only to someone on your team' },
  'crm.export_too_many': {
    zh: '符合条件的客户超过 {max} 个，请缩小范围（类别、标签、班组）后分批导出',
    en: 'more than {max} customers match: narrow the search (class, tag, team) and export in parts',
  },
  // Service records and field visits.
  'crm.visit_not_yours': { zh: '座席只能修改自己的拜访记录', en: 'an agent changes only the own visit records' },
  // Imports: the job.
  'crm.import_not_yours': { zh: '这是别人的导入任务', en: 'this import is someone else’s' },
  'crm.upload_body': {
    zh: '请把文件作为请求正文上传（content-type 为 application/octet-stream、text/csv 或 .xlsx 的类型）',
    en: 'send the file as the body, with content-type application/octet-stream, text/csv or the .xlsx type',
  },
  'crm.import_ran': { zh: '这个导入任务{status}，如需再次导入请重新上传文件', en: 'the import is {status}: upload the file again to import it again' },
  'crm.report_not_ready': { zh: '这个导入任务{status}，完成后才有错误报告', en: 'the import is {status}: the report comes when it is done' },
  'import_status.uploaded': { zh: '还没有开始', en: 'not started' },
  'import_status.running': { zh: '正在导入', en: 'running' },
  'import_status.done': { zh: '已完成', en: 'done' },
  'import_status.failed': { zh: '已失败', en: 'failed' },
  // Imports: the file.
  'import_file.not_xlsx': {
    zh: '{file} 不是 .xlsx 工作簿（旧版 Excel 的 .xls？请另存为 .xlsx 或 .csv）',
    en: '{file}: not an .xlsx workbook (a .xls from old Excel? save it as .xlsx or .csv)',
  },
  'import_file.too_many_rows': { zh: '文件超过 {rows} 行，请拆成几个文件分别导入', en: 'the file has more than {rows} rows: split it into several files' },
  'import_file.unzipped_too_big': {
    zh: '工作簿解压后有 {size} MB，超过上限 {max} MB，请拆成几个文件，或另存为 .csv',
    en: 'the workbook unzips to {size} MB, more than the {max} MB allowed: split it or save it as .csv',
  },
  'import_file.unzipped_unknown': {
    zh: '工作簿解压后的大小无法确定或超过上限 {max} MB，请另存为 .csv',
    en: 'the workbook’s unzipped size is unknown or above {max} MB: save it as .csv',
  },
  'import_file.unreadable_xlsx': { zh: '无法读取这个 .xlsx 工作簿：{detail}', en: 'not a readable .xlsx workbook: {detail}' },
  'import_file.no_header': { zh: '文件没有表头行：第一行应写明各列的名称', en: 'the file has no header row: the first row must name the columns' },
  'import_file.header_twice': { zh: '有两列都叫“{header}”，请给每列起不同的名称', en: 'two columns are both named "{header}": name each column once' },
  // Imports: which column fills which field.
  'import_mapping.wrong': { zh: '列的对应有误：{problems}', en: 'the column mapping is wrong: {problems}' },
  'import_mapping.unknown_field': { zh: '“{field}”不是客户的字段', en: '{field} is not a customer field' },
  'import_mapping.no_column': { zh: '{field}：文件里没有“{header}”这一列', en: '{field}: the file has no column "{header}"' },
  'import_mapping.mapped_twice': { zh: '{field}：“{header}”这一列已对应到{other}', en: '{field}: the column "{header}" is already mapped to {other}' },
  'import_mapping.no_name': { zh: '请指定哪一列是客户姓名', en: 'map a column to the customer name' },
  'import_field.externalId': { zh: '客户编号', en: 'external id' },
  'import_field.name': { zh: '姓名', en: 'name' },
  'import_field.phone': { zh: '电话', en: 'phone' },
  'import_field.phone2': { zh: '电话2', en: 'phone 2' },
  'import_field.class': { zh: '类别', en: 'class' },
  'import_field.vipLevel': { zh: 'VIP等级', en: 'VIP level' },
  'import_field.tags': { zh: '标签', en: 'tags' },
  'import_field.owner': { zh: '负责人', en: 'owner' },
  'import_field.notes': { zh: '备注', en: 'notes' },
  'import_field.since': { zh: '建档日期', en: 'customer since' },
};
