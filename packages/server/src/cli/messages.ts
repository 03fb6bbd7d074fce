/**
 * What the command line (banzu …) says about how it was called and which store it works on, in
 * Chinese or with BANZU_LANG=en (part of the catalogue, server/http/messages).
 */
export const cliMessages = {
  // Flags of any command.
  'cli.unknown_option': { zh: '没有选项 {flag}', en: 'unknown option {flag}' },
  'cli.value_missing': { zh: '选项 {flag} 需要一个值', en: 'option {flag} needs a value' },
  'cli.takes_no_value': { zh: '选项 {flag} 不带值', en: 'option {flag} takes no value' },
  'cli.unexpected_argument': { zh: '多余的参数“{value}”', en: 'unexpected argument "{value}"' },
  'cli.not_a_number': { zh: '{flag} 须为数字，收到“{value}”', en: '{flag} must be a number, got "{value}"' },
  'cli.not_whole': { zh: '{flag} 须为整数，收到 {value}', en: '{flag} must be a whole number, got {value}' },
  'cli.below_min': { zh: '{flag} 不能小于 {min}，收到 {value}', en: '{flag} must be at least {min}, got {value}' },
  'cli.above_max': { zh: '{flag} 不能大于 {max}，收到 {value}', en: '{flag} must be at most {max}, got {value}' },
  'cli.required': { zh: '缺少 {flag}', en: '{flag} is required' },
  'cli.one_of': { zh: '{flag} 须为 {choices} 之一，收到“{value}”', en: '{flag} must be one of {choices}, got "{value}"' },
  'cli.choose': { zh: '缺少 {flag}：可选 {choices}', en: '{flag} is required: one of {choices}' },
  'cli.not_a_date': { zh: '{flag} 须为日期 YYYY-MM-DD，收到“{value}”', en: '{flag} must be a date as YYYY-MM-DD, got "{value}"' },
  'cli.flag_problem': { zh: '{flag}：{detail}', en: '{flag}: {detail}' },
  'cli.unknown_command': { zh: '没有命令“{name}”', en: 'unknown command "{name}"' },
  'cli.usage': { zh: '用法：', en: 'usage: ' },
  // banzu report.
  'cli.report.from_after_to': { zh: '--from 不能晚于 --to', en: '--from must not be after --to' },
  'cli.report.interval_needs_by': { zh: '--interval 只与 --by interval 一起使用', en: '--interval goes with --by interval' },
  'cli.report.xlsx_needs_out': { zh: '--format xlsx 需要 --out <文件>', en: '--format xlsx needs --out <file>' },
  // banzu user.
  'cli.user.action_required': { zh: '缺少操作：banzu user add …', en: 'an action is required: banzu user add …' },
  'cli.user.unknown_action': { zh: '没有操作“{action}”：只有 add', en: 'unknown action "{action}": only add' },
  'cli.user.no_team': { zh: '--team：没有名称或编号为“{team}”的班组', en: '--team: no team named or with id "{team}"' },
  'cli.user.taken': { zh: '--username：“{username}”已被占用', en: '--username: "{username}" is taken' },
  // banzu import.
  'cli.import.what': { zh: '请说明导入什么：customers（客户）', en: 'say what to import: customers' },
  'cli.import.only_customers': { zh: '不能导入“{subject}”：只能导入 customers（客户）', en: 'cannot import "{subject}": only customers' },
  'cli.import.file_required': { zh: '请给出要导入的文件', en: 'name the file to import' },
  'cli.import.one_file': { zh: '一次只能导入一个文件，多出：{extra}', en: 'one file at a time; also got {extra}' },
  'cli.import.no_file': { zh: '没有文件 {file}', en: 'no file {file}' },
  'cli.import.mapping_not_json': {
    zh: '--mapping 须为 JSON，例如 {"name":"姓名","phone":"手机"}，收到 {value}',
    en: '--mapping must be JSON like {"name":"姓名","phone":"手机"}, got {value}',
  },
  'cli.import.mapping_not_object': {
    zh: '--mapping 须为“字段: 列标题”的 JSON 对象，例如 {"name":"姓名","phone":"手机"}',
    en: '--mapping must be a JSON object of field to column header, e.g. {"name":"姓名","phone":"手机"}',
  },
  'cli.import.columns': {
    zh: '这些列无法使用：{problems}（文件的列：{headers}）；请用 --mapping 指定',
    en: 'the columns cannot be used: {problems} (columns: {headers}); give --mapping',
  },
  // banzu forecast and schedule: what is wrong in a file ({detail} in the words of the check that found it).
  'cli.file.unreadable': { zh: '读不到 {file}（{code}）', en: 'cannot read {file}: {code}' },
  'cli.file.cell': { zh: '{file} 第 {row} 行：{column}：{detail}', en: '{file} row {row}: {column}: {detail}' },
  'cli.schedule.agents_whole': { zh: '{file} 第 {row} 行：agents 须为整数，收到“{value}”', en: '{file} row {row}: agents must be a whole number, got "{value}"' },
  'cli.schedule.not_json': { zh: '{file} 不是有效的 JSON（{detail}）', en: '{file} is not JSON: {detail}' },
  'cli.schedule.shifts_shape': {
    zh: '{file} 须为 {"shifts":[{"name":"早班","start":"08:30","end":"17:30"}, …]}',
    en: '{file} must be {"shifts":[{"name":"早班","start":"08:30","end":"17:30"}, …]}',
  },
  // banzu simulate.
  'cli.simulate.record_needs_date': {
    zh: '--record 需要 --date <YYYY-MM-DD>：模拟的呼叫记在哪一天',
    en: '--record needs --date <YYYY-MM-DD>: the day the simulated calls are recorded on',
  },
  'cli.simulate.not_a_date': { zh: '--date 须为日历上的日期 YYYY-MM-DD，收到 "{value}"', en: '--date must be a calendar date as YYYY-MM-DD, got "{value}"' },
  'cli.simulate.record_only': { zh: '--date 和 --data-dir 只与 --record 一起使用', en: '--date and --data-dir go with --record only' },
  'cli.simulate.scenario_flags': {
    zh: '--scenario 的队列、座席和阈值取自文件：请去掉 {flags}',
    en: '--scenario takes its queues, agents and thresholds from the file: leave out {flags}',
  },
  'cli.simulate.recorded_twice': {
    zh: '这一天已记录过同一次模拟（同样的日期和种子）：换一个 --seed 或 --date，或用新的 --data-dir',
    en: 'this run (the same date and seed) is recorded on that day already: pick another --seed or --date, or a new --data-dir',
  },
  // banzu erlang, staff, forecast.
  'cli.erlang.too_much_traffic': {
    zh: '--volume × --aht / --interval 为 {erlangs} 爱尔兰，最多支持 1,000,000',
    en: '--volume × --aht / --interval is {erlangs} Erlangs; at most 1,000,000 are supported',
  },
  'cli.staff.below_one': { zh: '{flag} 须小于 1（比例：80% 写 0.8），收到 {value}', en: '{flag} must be below 1 (a share: 0.8 for 80%), got {value}' },
  'cli.forecast.interval_divides_day': {
    zh: '--interval 须能整除一天（900、1800、3600 …），收到 {value}',
    en: '--interval must divide a day (900, 1800, 3600 …), got {value}',
  },
  // The store a command works on: {store} is the data directory or the PostgreSQL server's URL without its password.
  'cli.store.no_data_dir': {
    zh: '没有数据目录 {store}：请用 --data-dir 或 BANZU_DATA_DIR 指向已有的数据目录，或先运行 banzu start 创建中心',
    en: 'there is no data directory {store}: point --data-dir or BANZU_DATA_DIR at an existing one, or run banzu start first to create a center',
  },
  'cli.store.empty_data_dir': {
    zh: '数据目录 {store} 中没有 Banzu 的数据：请用 --data-dir 或 BANZU_DATA_DIR 指向已有的数据目录，或先运行 banzu start 创建中心',
    en: 'the data directory {store} holds no Banzu data: point --data-dir or BANZU_DATA_DIR at an existing one, or run banzu start first to create a center',
  },
  'cli.store.empty_database': {
    zh: '数据库 {store} 中没有 Banzu 的数据：请检查 DATABASE_URL，或先运行 banzu start 创建中心',
    en: 'the database {store} holds no Banzu data: check DATABASE_URL, or run banzu start first to create a center',
  },
  'cli.store.no_center': {
    zh: '{store} 中的数据库还没有呼叫中心和管理员：请先运行 banzu start 创建，再执行此命令',
    en: 'the database in {store} has no center and administrator yet: run banzu start first to create them',
  },
  // banzu migrate.
  'cli.migrate.nothing_there': {
    zh: '{store} 中还没有 Banzu 的数据库：若要在这里新建一个空数据库，请加 --create（中心和管理员在第一次 banzu start 时创建）',
    en: 'there is no Banzu database in {store} yet: add --create to make an empty one there (banzu start creates the center and administrator on its first start)',
  },
  'cli.migrate.created': {
    zh: '已在 {store} 新建 Banzu 数据库，应用了 {count} 个迁移（{applied}）。其中还没有中心和管理员：第一次 banzu start 时创建',
    en: 'created a Banzu database in {store} and applied {count} migrations ({applied}). It has no center or administrator yet: banzu start creates them on its first start',
  },
  'cli.migrate.applied': { zh: '{store}：已应用迁移 {applied}', en: '{store}: applied {applied}' },
  'cli.migrate.up_to_date': { zh: '{store}：数据库已是最新', en: '{store}: the database is up to date' },
};
