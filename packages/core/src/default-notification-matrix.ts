import {
  DATA_EXPOSURE_TYPES,
  type MatrixEntry,
  type NotificationAudience,
  type NotificationChannel,
  type NotificationMatrix,
} from './notification-matrix';

const NOW = '0m';
const tell = (
  audience: NotificationAudience,
  channels: NotificationChannel[],
  within: string,
  extra: Partial<MatrixEntry> = {},
): MatrixEntry => ({ audience, channels, within, page: false, ...extra });
const page = (audience: NotificationAudience, channels: NotificationChannel[]): MatrixEntry =>
  tell(audience, channels, NOW, { page: true });
const dataExposure = (channels: NotificationChannel[], within: string): MatrixEntry[] => [
  tell('legal', channels, within, { types: DATA_EXPOSURE_TYPES }),
  tell('privacy', channels, within, { types: DATA_EXPOSURE_TYPES }),
];

/**
 * The default matrix, after the seeds: SEV1 pages on-call at once and tells leadership by mail
 * within 15 minutes; SEV2 pages on-call and tells the owning team; SEV3 tells the owning team by
 * chat and mail without paging; SEV4 goes into a daily digest. Customers are never told
 * automatically: what they read is a status update the comms lead writes.
 */
export const DEFAULT_NOTIFICATION_MATRIX: NotificationMatrix = {
  SEV1: [
    page('on_call', ['pagerduty', 'slack', 'email']),
    tell('incident_commander', ['slack', 'email'], NOW),
    tell('owner_team', ['slack', 'email'], NOW),
    tell('leadership', ['email'], '15m'),
    ...dataExposure(['email'], '15m'),
    tell('support', ['slack'], '30m'),
  ],
  SEV2: [
    page('on_call', ['pagerduty', 'slack', 'email']),
    tell('incident_commander', ['slack'], NOW),
    tell('owner_team', ['slack', 'email'], '15m'),
    ...dataExposure(['email'], '1h'),
    tell('support', ['slack'], '1h'),
  ],
  SEV3: [tell('owner_team', ['slack', 'email'], '1h'), ...dataExposure(['email'], '4h')],
  SEV4: [tell('owner_team', ['digest'], '1d'), ...dataExposure(['digest'], '1d')],
  near_miss: [tell('owner_team', ['slack', 'email'], '4h'), ...dataExposure(['digest'], '1d')],
  alert_page: [page('on_call', ['pagerduty', 'slack'])],
  alert_warn: [tell('owner_team', ['slack'], NOW)],
};
