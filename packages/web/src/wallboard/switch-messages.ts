/** The wallboard's switch status texts, merged into the console's catalogs under `switchStatus`. */
export const switchStatusZh = {
  offline: '交换机离线：{{parts}} 无响应，来电无法接通。',
  kamailio: 'Kamailio（信令）',
  rtpengine: 'rtpengine（媒体）',
};

export const switchStatusEn: typeof switchStatusZh = {
  offline: 'Switch offline: {{parts}} not answering; calls cannot get through.',
  kamailio: 'Kamailio (signalling)',
  rtpengine: 'rtpengine (media)',
};
