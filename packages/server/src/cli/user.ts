import { roles, type Role } from '@banzu/core';
import { loadConfig } from '../config/index';
import { randomPassword } from '../auth/password';
import { createUser, newUserSchema } from '../org/users';
import { parseFlags, UsageError, type Command } from './command';
import { openExistingBanzu } from './existing';

export const userCommand: Command = {
  name: 'user',
  summary: 'Add a user. Without --password a random one is printed once.',
  usage:
    'banzu user add --username <name> --name <display name> --role <' +
    roles.join('|') +
    '> [--team <team name or id>] [--employee-no <工号>] [--password <pw>] [--data-dir <dir>]',
  async run(argv) {
    const [action, ...rest] = argv;
    if (action !== 'add') throw new UsageError(action ? `unknown action "${action}"` : 'an action is required');
    const { values } = parseFlags(rest, {
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      team: { type: 'string' },
      'employee-no': { type: 'string' },
      password: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    if (!values.role || !(roles as readonly string[]).includes(values.role)) {
      throw new UsageError(`--role must be one of ${roles.join(', ')}${values.role ? `, got "${values.role}"` : ''}`);
    }
    const password = values.password ?? randomPassword();
    const config = loadConfig({ overrides: { dataDir: values['data-dir'] } });
    const banzu = await openExistingBanzu(config, (line) => console.log(line));
    try {
      let teamId: string | undefined;
      if (values.team) {
        const [team] = await banzu.store.query<{ id: string }>('SELECT id FROM teams WHERE id = $1 OR name = $1', [values.team]);
        if (!team) throw new UsageError(`--team: no team named or with id "${values.team}"`);
        teamId = team.id;
      }
      const parsed = newUserSchema.safeParse({
        username: values.username,
        displayName: values.name ?? values.username,
        role: values.role as Role,
        teamId,
        employeeNo: values['employee-no'],
        password,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const flag = { displayName: 'name', employeeNo: 'employee-no', teamId: 'team' }[String(issue.path[0])] ?? String(issue.path[0]);
        throw new UsageError(`--${flag}: ${issue.message}`);
      }
      const [taken] = await banzu.store.query('SELECT 1 FROM users WHERE username = $1', [parsed.data.username ?? parsed.data.employeeNo]);
      if (taken) throw new UsageError(`--username: "${parsed.data.username ?? parsed.data.employeeNo}" is taken`);
      await createUser(banzu.store, parsed.data);
      console.log(`created ${parsed.data.role} ${parsed.data.username ?? parsed.data.employeeNo}${values.password ? '' : `, password: ${password}`}`);
      return 0;
    } finally {
      await banzu.close();
    }
  },
};
