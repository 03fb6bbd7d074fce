import { localDate, type LineResult } from '@banzu/core';
import type { Projection } from '../projections/index';
import type { Queryable } from '../store/index';

/** One dial record: a row of `campaign_attempts`, times in epoch ms. */
interface DialRecord {
  campaignId: string;
  customerId: string;
  agentId: string;
  teamId: string | null;
  number: string;
  callId: string;
  startedAt: number;
  localDate: string;
  connectedAt: number | null;
  endedAt: number | null;
  lineResult: LineResult | null;
  talkSeconds: number;
  result: string | null;
  callbackAt: number | null;
  note: string;
  recordedAt: number | null;
}

interface DialRow {
  campaign_id: string;
  customer_id: string;
  agent_id: string;
  team_id: string | null;
  number_e164: string;
  call_id: string;
  started_at: Date;
  local_date: string;
  connected_at: Date | null;
  ended_at: Date | null;
  line_result: LineResult | null;
  talk_seconds: number;
  result: string | null;
  callback_at: Date | null;
  note: string;
  recorded_at: Date | null;
}

const ms = (d: Date | null) => (d === null ? null : d.getTime());
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

function connect(record: DialRecord, at: number): void {
  record.connectedAt ??= at;
}

function end(record: DialRecord, at: number, lineResult: LineResult | undefined): void {
  record.endedAt = at;
  record.talkSeconds = record.connectedAt === null ? 0 : Math.round((at - record.connectedAt) / 1000);
  // Dials recorded before the line result was an event keep the one they have.
  if (lineResult) record.lineResult = lineResult;
}

export interface CampaignsProjectionOptions {
  /** The center's time zone: a dial counts on the center's local date. */
  timeZone: string;
}

/**
 * The campaigns' dial records (`campaign_attempts`), a projection of the event log: a row per
 * `campaign.dialed`, talk time and line result from the call's own `call.connected` and
 * `call.ended`, the result from `campaign.result_saved`. Built from an empty table it gives the
 * same rows, so they survive a restart and can be rebuilt.
 *
 * @example
 * new ProjectionRunner(store, log, campaignsProjection({ timeZone: 'Asia/Shanghai' })).start();
 */
export function campaignsProjection({ timeZone }: CampaignsProjectionOptions): Projection {
  return {
    name: 'campaigns',
    async apply(tx, events) {
      const callIds = new Set<string>();
      const dialed: { callId: string; seq: number }[] = [];
      for (const e of events) {
        if (e.type === 'call.connected' || e.type === 'call.ended') callIds.add(e.stream);
        if (e.type === 'campaign.result_saved') callIds.add(e.payload.callId);
        if (e.type === 'campaign.dialed') dialed.push({ callId: e.payload.callId, seq: e.seq });
      }
      const records = await loadRecords(tx, [...callIds, ...dialed.map((d) => d.callId)]);
      // A call may have moved before its dial was logged (another writer got the log's head first):
      // its earlier events count from the dial on.
      const before = await callSoFar(tx, dialed);
      const changed = new Map<string, DialRecord>();
      for (const e of events) {
        if (e.type === 'campaign.dialed') {
          if (records.has(e.payload.callId)) continue;
          const p = e.payload;
          const record: DialRecord = {
            campaignId: e.stream,
            customerId: p.customerId,
            agentId: p.agentId,
            teamId: p.teamId,
            number: p.number,
            callId: p.callId,
            startedAt: e.at,
            localDate: localDate(e.at, timeZone),
            connectedAt: null,
            endedAt: null,
            lineResult: null,
            talkSeconds: 0,
            result: null,
            callbackAt: null,
            note: '',
            recordedAt: null,
          };
          const so = before.get(p.callId);
          if (so?.connectedAt) connect(record, so.connectedAt);
          if (so?.endedAt) end(record, so.endedAt, so.lineResult ?? undefined);
          records.set(p.callId, record);
          changed.set(p.callId, record);
          continue;
        }
        const callId = e.type === 'campaign.result_saved' ? e.payload.callId : e.stream;
        const record = records.get(callId);
        if (!record) continue;
        if (e.type === 'call.connected') connect(record, e.at);
        else if (e.type === 'call.ended') end(record, e.at, e.payload.lineResult);
        else if (e.type === 'campaign.result_saved') {
          Object.assign(record, { result: e.payload.code, callbackAt: e.payload.callbackAt, note: e.payload.note, recordedAt: e.at });
        } else continue;
        changed.set(callId, record);
      }
      await saveRecords(tx, [...changed.values()]);
    },
  };
}

async function loadRecords(tx: Queryable, callIds: string[]): Promise<Map<string, DialRecord>> {
  const rows = await tx.query<DialRow>(
    `SELECT campaign_id, customer_id, agent_id, team_id, number_e164, call_id, started_at, to_char(local_date, 'YYYY-MM-DD') AS local_date,
            connected_at, ended_at, line_result, talk_seconds, result, callback_at, note, recorded_at
     FROM campaign_attempts WHERE call_id = ANY($1::text[])`,
    [callIds],
  );
  return new Map(
    rows.map((r) => [
      r.call_id,
      {
        campaignId: r.campaign_id,
        customerId: r.customer_id,
        agentId: r.agent_id,
        teamId: r.team_id,
        number: r.number_e164,
        callId: r.call_id,
        startedAt: r.started_at.getTime(),
        localDate: r.local_date,
        connectedAt: ms(r.connected_at),
        endedAt: ms(r.ended_at),
        lineResult: r.line_result,
        talkSeconds: r.talk_seconds,
        result: r.result,
        callbackAt: ms(r.callback_at),
        note: r.note,
        recordedAt: ms(r.recorded_at),
      },
    ]),
  );
}

/** For each dial, when its call connected and ended, and the line result, from the call's events logged before the dial. */
async function callSoFar(tx: Queryable, dialed: { callId: string; seq: number }[]) {
  if (dialed.length === 0) return new Map<string, { connectedAt: number | null; endedAt: number | null; lineResult: LineResult | null }>();
  const rows = await tx.query<{ call_id: string; connected_at: Date | null; ended_at: Date | null; line_result: LineResult | null }>(
    `SELECT d.call_id, min(e.occurred_at) FILTER (WHERE e.type = 'call.connected') AS connected_at,
            max(e.occurred_at) FILTER (WHERE e.type = 'call.ended') AS ended_at,
            max(e.payload->>'lineResult') FILTER (WHERE e.type = 'call.ended') AS line_result
     FROM jsonb_to_recordset($1::jsonb) AS d(call_id text, seq bigint)
     JOIN events e ON e.stream = d.call_id AND e.seq < d.seq AND e.type IN ('call.connected', 'call.ended')
     GROUP BY d.call_id`,
    [JSON.stringify(dialed.map((d) => ({ call_id: d.callId, seq: d.seq })))],
  );
  return new Map(rows.map((r) => [r.call_id, { connectedAt: ms(r.connected_at), endedAt: ms(r.ended_at), lineResult: r.line_result }]));
}

/** Inserts new records (in the order of their dials) and updates changed ones, in one statement. */
async function saveRecords(tx: Queryable, records: DialRecord[]): Promise<void> {
  if (records.length === 0) return;
  const json = records.map((r) => ({
    campaign_id: r.campaignId,
    customer_id: r.customerId,
    agent_id: r.agentId,
    team_id: r.teamId,
    number_e164: r.number,
    call_id: r.callId,
    started_at: iso(r.startedAt),
    local_date: r.localDate,
    connected_at: iso(r.connectedAt),
    ended_at: iso(r.endedAt),
    line_result: r.lineResult,
    talk_seconds: r.talkSeconds,
    result: r.result,
    callback_at: iso(r.callbackAt),
    note: r.note,
    recorded_at: iso(r.recordedAt),
  }));
  await tx.query(
    `INSERT INTO campaign_attempts (campaign_id, customer_id, agent_id, team_id, number_e164, call_id, started_at, local_date,
       connected_at, ended_at, line_result, talk_seconds, result, callback_at, note, recorded_at)
     SELECT r.campaign_id, r.customer_id, r.agent_id, r.team_id, r.number_e164, r.call_id, r.started_at, r.local_date,
            r.connected_at, r.ended_at, r.line_result, r.talk_seconds, r.result, r.callback_at, r.note, r.recorded_at
     FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, ord),
          jsonb_to_record(e.value) AS r(campaign_id text, customer_id uuid, agent_id text, team_id text, number_e164 text, call_id text,
            started_at timestamptz, local_date date, connected_at timestamptz, ended_at timestamptz, line_result text, talk_seconds integer,
            result text, callback_at timestamptz, note text, recorded_at timestamptz)
     ORDER BY e.ord
     ON CONFLICT (call_id) DO UPDATE SET connected_at = EXCLUDED.connected_at, ended_at = EXCLUDED.ended_at, line_result = EXCLUDED.line_result,
       talk_seconds = EXCLUDED.talk_seconds, result = EXCLUDED.result, callback_at = EXCLUDED.callback_at, note = EXCLUDED.note,
       recorded_at = EXCLUDED.recorded_at`,
    [JSON.stringify(json)],
  );
}
