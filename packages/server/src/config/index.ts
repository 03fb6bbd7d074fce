import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { passwordProblem } from '../auth/policy';
import { said } from '../http/messages';

/** Bad configuration: the message names the key, where it came from, and what is wrong. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** What carries the floor's calls: the demo's simulated switch, real SIP (docs/voice.md), or nothing. */
export const switchKinds = ['simulated', 'sip', 'none'] as const;

const ipPort = z.coerce.number().int().min(1).max(65535);

/** `30000-30999`: rtpengine's media ports, an even number of them at least 2. */
const portRange = z
  .string()
  .regex(/^\d+-\d+$/, 'must be a range of ports like 30000-30999')
  .transform((range) => {
    const [min, max] = range.split('-').map(Number) as [number, number];
    return { min, max };
  })
  .refine(({ min, max }) => min >= 1024 && max <= 65535 && max - min >= 3, 'must be ports between 1024 and 65535, at least 4 of them, the lower first');

const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().min(1).default('0.0.0.0'),
  dataDir: z.string().min(1).default('./data'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  adminPassword: z
    .string()
    .refine((p) => passwordProblem(p, 'admin') === null, { error: (issue) => said(passwordProblem(String(issue.input), 'admin')!, 'zh') })
    .optional(),
  demoPassword: z.string().min(6, 'must be at least 6 characters').optional(),
  /** The proxies whose X-Forwarded-For/-Proto/-Host to believe: none (false), any (true), or their addresses and networks. */
  trustProxy: z
    .union([z.boolean(), z.string()])
    .transform((value): boolean | string[] => {
      if (typeof value === 'boolean' || value === 'true' || value === 'false') return value === true || value === 'true';
      return value
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
    })
    .pipe(z.union([z.boolean(), z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()])).min(1)], 'must be true, false, or proxy addresses like 10.0.0.1,10.0.0.0/8'))
    .default(false),
  demo: z.boolean().default(true),
  sim: z.boolean().default(true),
  simSpeed: z.coerce.number().min(0.1).max(100).default(1),
  simLoad: z.coerce.number().min(0.1).max(20).default(1),
  logLevel: z.enum(logLevels).default('info'),
  sessionTtlHours: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  recordingsDir: z.string().min(1).optional(),
  /** A local speech recogniser, run as `<command> <file.wav>` each night over the day before's recorded calls (docs/qa.md). */
  transcribeCommand: z.string().trim().min(1).optional(),
  switch: z.enum(switchKinds).default('simulated'),
  /** The address Kamailio, rtpengine and the B2BUA listen on, the one phones register at. */
  sipAddress: z.ipv4().default('127.0.0.1'),
  sipPort: ipPort.default(5060),
  /** The B2BUA's own SIP port, behind Kamailio. */
  b2buaPort: ipPort.default(5070),
  /** rtpengine's ng control port. */
  rtpengineNgPort: ipPort.default(2223),
  rtpPorts: portRange.default({ min: 30000, max: 30999 }),
  /** Where the SIP switch's generated configurations go; `<dataDir>/voice` unless set. */
  voiceDir: z.string().min(1).optional(),
  /** SIP over WebSocket, where the desktop's softphone registers. */
  sipWsPort: ipPort.default(5066),
  /** Trunks' addresses or networks (`127.0.0.1,10.0.0.0/8`): their calls to a queue number need no password; anyone else's do. */
  sipTrunks: z
    .union([z.string(), z.array(z.string())])
    .transform((list) => (typeof list === 'string' ? list.split(',') : list).map((t) => t.trim()).filter(Boolean))
    .pipe(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()], 'must be IP addresses or networks like 10.0.0.0/8, separated by commas')))
    .default(['127.0.0.1']),
  /** Where callbacks and outbound calls go out (`sip:10.0.0.5:5060`): the customer's number becomes the URI's user. */
  sipTrunkUri: z
    .string()
    .regex(/^sip:[^\s@;]+(:\d+)?$/, 'must be a SIP URI of the trunk such as sip:10.0.0.5:5060')
    .optional(),
});

export type Config = z.infer<typeof configSchema>;
type ConfigKey = keyof Config;

/** Environment variable for each key: the README documents exactly these. */
export const envNames: Record<ConfigKey, string> = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'BANZU_DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  adminPassword: 'BANZU_ADMIN_PASSWORD',
  demoPassword: 'BANZU_DEMO_PASSWORD',
  trustProxy: 'BANZU_TRUST_PROXY',
  demo: 'BANZU_DEMO',
  sim: 'BANZU_SIM',
  simSpeed: 'BANZU_SIM_SPEED',
  simLoad: 'BANZU_SIM_LOAD',
  logLevel: 'LOG_LEVEL',
  sessionTtlHours: 'BANZU_SESSION_TTL_HOURS',
  recordingsDir: 'BANZU_RECORDINGS_DIR',
  transcribeCommand: 'BANZU_TRANSCRIBE_COMMAND',
  switch: 'BANZU_SWITCH',
  sipAddress: 'BANZU_SIP_ADDRESS',
  sipPort: 'BANZU_SIP_PORT',
  b2buaPort: 'BANZU_B2BUA_PORT',
  rtpengineNgPort: 'BANZU_RTPENGINE_NG_PORT',
  rtpPorts: 'BANZU_RTP_PORTS',
  voiceDir: 'BANZU_VOICE_DIR',
  sipWsPort: 'BANZU_SIP_WS_PORT',
  sipTrunks: 'BANZU_SIP_TRUNKS',
  sipTrunkUri: 'BANZU_SIP_TRUNK_URI',
};

const booleanKeys = new Set<ConfigKey>(['demo', 'sim']);

function parseEnvBoolean(name: string, raw: string): boolean {
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`invalid configuration: ${name} must be true or false, got "${raw}"`);
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Values from CLI flags: they win over the environment, which wins over the file. */
  overrides?: Partial<Config>;
}

/**
 * Resolves the configuration once: defaults < banzu.config.json < environment < CLI flags.
 *
 * @example
 * const config = loadConfig({ overrides: { port: 9090 } });
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const sources: Partial<Record<ConfigKey, string>> = {};
  const merged: Record<string, unknown> = {};

  const filePath = env.BANZU_CONFIG ? resolve(cwd, env.BANZU_CONFIG) : resolve(cwd, 'banzu.config.json');
  if (env.BANZU_CONFIG && !existsSync(filePath)) {
    throw new ConfigError(`invalid configuration: BANZU_CONFIG points to ${filePath}, which does not exist`);
  }
  if (existsSync(filePath)) {
    let fromFile: unknown;
    try {
      fromFile = JSON.parse(readFileSync(filePath, 'utf8'));
    } catch (err) {
      throw new ConfigError(`invalid configuration: ${filePath} is not valid JSON (${(err as Error).message})`);
    }
    if (typeof fromFile !== 'object' || fromFile === null || Array.isArray(fromFile)) {
      throw new ConfigError(`invalid configuration: ${filePath} must hold a JSON object`);
    }
    for (const [key, value] of Object.entries(fromFile)) {
      if (!(key in envNames)) {
        throw new ConfigError(`invalid configuration: unknown key "${key}" in ${filePath}; known keys: ${Object.keys(envNames).join(', ')}`);
      }
      merged[key] = value;
      sources[key as ConfigKey] = `"${key}" in ${filePath}`;
    }
  }

  for (const [key, name] of Object.entries(envNames) as [ConfigKey, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    merged[key] = booleanKeys.has(key) ? parseEnvBoolean(name, raw) : raw;
    sources[key] = name;
  }

  for (const [key, value] of Object.entries(options.overrides ?? {})) {
    if (value === undefined) continue;
    merged[key] = value;
    sources[key as ConfigKey] = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  }

  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '') as ConfigKey;
      const where = sources[key] ?? key;
      const given = merged[key];
      const shown = key === 'adminPassword' || key === 'demoPassword' ? '' : `, got ${JSON.stringify(given)}`;
      return `${where}: ${issue.message}${shown}`;
    });
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const config = parsed.data;
  const ports = [config.sipPort, config.b2buaPort, config.rtpengineNgPort, config.sipWsPort];
  if (config.switch === 'sip' && new Set(ports).size < ports.length) {
    throw new ConfigError(
      `invalid configuration: ${envNames.sipPort}, ${envNames.b2buaPort}, ${envNames.rtpengineNgPort} and ${envNames.sipWsPort} must differ, got ${ports.join(', ')}`,
    );
  }
  // The demo's simulated callers come through the simulated switch only.
  return { ...config, sim: config.sim && config.switch === 'simulated' };
}
