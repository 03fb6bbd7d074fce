import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index';

const emptyDir = () => mkdtempSync(join(tmpdir(), 'banzu-config-'));

describe('configuration', () => {
  it('defaults to port 8080 and ./data with the demo and simulator on', () => {
    expect(loadConfig({ env: {}, cwd: emptyDir() })).toMatchObject({ port: 8080, dataDir: './data', demo: true, sim: true });
  });

  it('takes flags over the environment over banzu.config.json', () => {
    const cwd = emptyDir();
    writeFileSync(join(cwd, 'banzu.config.json'), JSON.stringify({ port: 7000, dataDir: '/srv/banzu', logLevel: 'warn' }));
    const config = loadConfig({ env: { PORT: '7100', BANZU_DEMO: 'false' }, cwd, overrides: { dataDir: '/tmp/x' } });
    expect(config).toMatchObject({ port: 7100, dataDir: '/tmp/x', logLevel: 'warn', demo: false });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ BANZU_SIM: 'maybe' }, 'BANZU_SIM'],
    [{ BANZU_ADMIN_PASSWORD: 'short' }, 'BANZU_ADMIN_PASSWORD'],
    [{ BANZU_SWITCH: 'pbx' }, 'BANZU_SWITCH'],
    [{ BANZU_SIP_PORT: '0' }, 'BANZU_SIP_PORT'],
    [{ BANZU_SIP_ADDRESS: 'phones.example' }, 'BANZU_SIP_ADDRESS'],
    [{ BANZU_RTP_PORTS: '30000' }, 'BANZU_RTP_PORTS'],
    [{ BANZU_RTP_PORTS: '31000-30000' }, 'BANZU_RTP_PORTS'],
    [{ BANZU_SWITCH: 'sip', BANZU_B2BUA_PORT: '5060' }, 'BANZU_B2BUA_PORT'],
    [{ BANZU_SWITCH: 'sip', BANZU_SIP_WS_PORT: '5060' }, 'BANZU_SIP_WS_PORT'],
    [{ BANZU_SIP_TRUNKS: '127.0.0.1,trunk.example' }, 'BANZU_SIP_TRUNKS'],
    [{ BANZU_SIP_TRUNKS: '10.0.0.0/40' }, 'BANZU_SIP_TRUNKS'],
  ])('names the key of an invalid value: %o', (env, key) => {
    expect(() => loadConfig({ env, cwd: emptyDir() })).toThrow(ConfigError);
    expect(() => loadConfig({ env, cwd: emptyDir() })).toThrow(key);
  });

  it('names an unknown key and a bad value in the config file', () => {
    const cwd = emptyDir();
    writeFileSync(join(cwd, 'banzu.config.json'), JSON.stringify({ prot: 80 }));
    expect(() => loadConfig({ env: {}, cwd })).toThrow(/unknown key "prot"/);
    writeFileSync(join(cwd, 'banzu.config.json'), JSON.stringify({ sessionTtlHours: -1 }));
    expect(() => loadConfig({ env: {}, cwd })).toThrow(/"sessionTtlHours" in .*banzu\.config\.json/);
    writeFileSync(join(cwd, 'banzu.config.json'), '{ not json');
    expect(() => loadConfig({ env: {}, cwd })).toThrow(/not valid JSON/);
  });

  it('runs the simulated switch by default; real SIP on 5060 with BANZU_SWITCH=sip, and then no simulated callers', () => {
    expect(loadConfig({ env: {}, cwd: emptyDir() })).toMatchObject({ switch: 'simulated', sim: true });
    const sip = loadConfig({ env: { BANZU_SWITCH: 'sip', BANZU_RTP_PORTS: '40000-40099' }, cwd: emptyDir() });
    expect(sip).toMatchObject({ switch: 'sip', sim: false, sipPort: 5060, sipAddress: '127.0.0.1', rtpPorts: { min: 40000, max: 40099 } });
    expect(loadConfig({ env: { BANZU_SWITCH: 'simulated' }, cwd: emptyDir(), overrides: { sim: false } })).toMatchObject({ sim: false });
  });

  it('takes calls without a password from 127.0.0.1 only unless told which trunks; the softphone’s WebSocket on 5066', () => {
    expect(loadConfig({ env: {}, cwd: emptyDir() })).toMatchObject({ sipTrunks: ['127.0.0.1'], sipWsPort: 5066 });
    expect(loadConfig({ env: { BANZU_SIP_TRUNKS: '192.0.2.10, 10.0.0.0/8,::1' }, cwd: emptyDir() }).sipTrunks).toEqual(['192.0.2.10', '10.0.0.0/8', '::1']);
    const cwd = emptyDir();
    writeFileSync(join(cwd, 'banzu.config.json'), JSON.stringify({ sipTrunks: ['198.51.100.0/24'] }));
    expect(loadConfig({ env: {}, cwd }).sipTrunks).toEqual(['198.51.100.0/24']);
  });

  it('never echoes a password in the error', () => {
    expect(() => loadConfig({ env: { BANZU_DEMO_PASSWORD: 'abc' }, cwd: emptyDir() })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('abc') }));
  });
});
