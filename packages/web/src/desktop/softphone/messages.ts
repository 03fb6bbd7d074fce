/** The softphone's texts, merged into the console's catalogs under `softphone`. */
export const softphoneZh = {
  title: '软电话',
  registration: { registering: '注册中', registered: '已注册', unregistered: '未注册', failed: '注册失败' },
  ringing: '软电话振铃中',
  connected: '通话中',
  problems: {
    microphone_denied: '无法使用麦克风：浏览器拒绝了麦克风权限。请在地址栏左侧的网站设置中允许麦克风，然后刷新页面。',
    microphone_missing: '未找到麦克风：请插好耳麦或麦克风，然后刷新页面。',
    microphone_busy: '无法打开麦克风：它可能正被其他程序占用，或设备出错。请关闭占用的程序或重新插拔耳麦。',
    insecure_page: '此页面不能使用麦克风：浏览器只在 HTTPS 或本机地址（localhost）下允许网页使用麦克风。',
    registration_failed: '软电话注册失败（{{cause}}）：来电不会在本页面振铃。请联系管理员检查您的 SIP 密码。',
    answer_failed: '软电话接听失败，请重试或刷新页面。',
  },
  passwordMissing: '管理员尚未设置您的 SIP 密码：软电话未启用。',
};

export const softphoneEn: typeof softphoneZh = {
  title: 'Softphone',
  registration: { registering: 'Registering', registered: 'Registered', unregistered: 'Not registered', failed: 'Registration failed' },
  ringing: 'Softphone ringing',
  connected: 'On a call',
  problems: {
    microphone_denied: 'The microphone cannot be used: the browser denied access. Allow the microphone in the site settings left of the address bar, then reload the page.',
    microphone_missing: 'No microphone found: plug in a headset or microphone, then reload the page.',
    microphone_busy: 'The microphone cannot be opened: another program may be using it, or the device failed. Close that program or plug the headset in again.',
    insecure_page: 'This page cannot use the microphone: browsers allow it only over HTTPS or on localhost.',
    registration_failed: 'The softphone did not register ({{cause}}): calls will not ring here. Ask an administrator to check your SIP password.',
    answer_failed: 'The softphone could not answer; try again or reload the page.',
  },
  passwordMissing: 'An administrator has not set your SIP password yet: no softphone.',
};
