import { roles, type Role } from '@banzu/core';
import { loadConfig } from '../config/index';
import { randomPassword } from '../auth/password';
import { createUser, newUserSchema } from '../org/users';
import { message } from '../http/messages';
import { cliLanguage, parseFlags, said, UsageError, type Command } from './command';
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
    if (action !== 'add') throw new UsageError(action ? said('cli.user.unknown_action', { action }) : said('cli.user.action_required'));
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
      const choices = roles.join('、');
      throw new UsageError(values.role ? said('cli.one_of', { flag: '--role', choices, value: values.role }) : said('cli.choose', { flag: '--role', choices }));
    }
    const password = values.password ?? randomPassword();
    const config = loadConfig({ overrides: { dataDir: values['data-dir'] } });
    const banzu = await openExistingBanzu(config);
    try {
      let teamId: string | undefined;
      if (values.team) {
        const [team] = await banzu.store.query<{ id: string }>('SELECT id FROM teams WHERE id = $1 OR name = $1', [values.team]);
        if (!team) throw new UsageError(said('cli.user.no_team', { team: values.team }));
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
        // The schema words its problems as keys of the server's catalogue, filled with the issue's figures ({minimum}, a refinement's params).
        const figures = Object.fromEntries(
          Object.entries({ ...issue, ...(issue as { params?: object }).params }).filter((e): e is [string, string | number] => ['string', 'number'].includes(typeof e[1])),
        );
        throw new UsageError(said('cli.flag_problem', { flag: `--${flag}`, detail: message(issue.message, cliLanguage(), figures) ?? issue.message }));
      }
      const [taken] = await banzu.store.query('SELECT 1 FROM users WHERE username = $1', [parsed.data.username ?? parsed.data.employeeNo]);
      if (taken) throw new UsageError(said('cli.user.taken', { username: parsed.data.username ?? parsed.data.employeeNo ?? '' }));
      await createUser(banzu.store, parsed.data);
      console.log(`created ${parsed.data.role} ${parsed.data.username ?? parsed.data.employeeNo}${values.password ? '' : `, password: ${password}`}`);
      return 0;
    } finally {
      await banzu.close();
    }
  },
};
