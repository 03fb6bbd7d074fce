/**
 * Telemarketing campaigns (外呼任务) on the server: the campaign and its customer list in the store,
 * the agent's desk (next customer, dial through the router, save the result), progress and reports
 * per agent per day or month, per number and per team, with audited Excel exports. The decisions
 * are core's (`packages/core/src/campaigns`).
 *
 * @example
 * await app.register(campaignPlugin); // after floorPlugin: dialling goes through its router
 */
export { campaignPlugin } from './routes';
export { CampaignDesk, type AgentDial, type HandedTask, type SavedDisposition } from './desk';
export { campaignsProjection } from './projection';
export { createCampaign, distributeCampaign, setCampaignStatus, type NewCampaign } from './manage';
export { agentReport, numberDetail, teamView, type AgentDayRow, type NumberRow, type TeamViewRow } from './reports';
export { loadCampaign, type Campaign, type CampaignSource, type CampaignStatus } from './store';
