import { describe, expect, it } from 'vitest';
import { forecastReviewQueue } from './review-capacity';

const NOW = '2026-12-06T10:00:00.000Z';
const minutesAgo = (m: number) => new Date(Date.parse(NOW) - m * 60_000).toISOString();
const SLA = 30 * 60_000;

describe('forecastReviewQueue', () => {
  it('is ok when reviewers keep up', () => {
    const forecast = forecastReviewQueue({
      pending: 5,
      oldestPendingAt: minutesAgo(4),
      arrivalsPerHour: 50,
      decisionsPerHour: 60,
      slaMs: SLA,
      now: NOW,
    });
    expect(forecast).toMatchObject({ state: 'ok', breachAt: null, keepUpFraction: null });
    expect(forecast.summary).toBe('5 waiting, 50 in and 60 decided an hour: within the 30 min SLA');
  });

  it('predicts the breach when more come in than are decided, and the share reviewers keep up with', () => {
    // Capacity within the SLA: 60/h × 0.5 h = 30 waiting; the backlog of 10 grows by 60/h, so
    // it reaches 30 in 20 minutes, and an item arriving then waits past the SLA 30 minutes later.
    const forecast = forecastReviewQueue({
      pending: 10,
      oldestPendingAt: minutesAgo(5),
      arrivalsPerHour: 120,
      decisionsPerHour: 60,
      slaMs: SLA,
      now: NOW,
    });
    expect(forecast.state).toBe('at_risk');
    expect(forecast.breachAt).toBe('2026-12-06T10:50:00.000Z');
    expect(forecast.keepUpFraction).toBe(0.5);
    expect(forecast.summary).toContain('the 30 min SLA breaks in about 50 min');
  });

  it('says it is breaching once the oldest item is past the SLA', () => {
    const forecast = forecastReviewQueue({
      pending: 3,
      oldestPendingAt: minutesAgo(45),
      arrivalsPerHour: 2,
      decisionsPerHour: 0,
      slaMs: SLA,
      now: NOW,
    });
    expect(forecast).toMatchObject({ state: 'breaching', breachAt: minutesAgo(15) });
    expect(forecast.summary).toBe('the oldest item has waited 45 min, past the 30 min SLA');
  });

  it('counts the oldest item’s own deadline while nobody decides anything', () => {
    const forecast = forecastReviewQueue({
      pending: 2,
      oldestPendingAt: minutesAgo(10),
      arrivalsPerHour: 4,
      decisionsPerHour: 0,
      slaMs: SLA,
      now: NOW,
    });
    expect(forecast).toMatchObject({ state: 'at_risk', breachAt: '2026-12-06T10:20:00.000Z', keepUpFraction: null });
  });

  it('breaks the SLA for what arrives now when more wait than an SLA of decisions can clear', () => {
    const forecast = forecastReviewQueue({
      pending: 40,
      oldestPendingAt: minutesAgo(2),
      arrivalsPerHour: 60,
      decisionsPerHour: 60,
      slaMs: SLA,
      now: NOW,
    });
    expect(forecast).toMatchObject({ state: 'at_risk', breachAt: '2026-12-06T10:30:00.000Z', keepUpFraction: null });
  });

  it('reaches the oldest item first when it is decided before its deadline', () => {
    // 20 waiting, the oldest 28 minutes old, one decided a minute: it is reached in time.
    const forecast = forecastReviewQueue({
      pending: 20,
      oldestPendingAt: minutesAgo(28),
      arrivalsPerHour: 30,
      decisionsPerHour: 60,
      slaMs: SLA,
      now: NOW,
    });
    expect(forecast.state).toBe('ok');
  });

  it('is quiet with nothing waiting and nothing coming', () => {
    expect(
      forecastReviewQueue({
        pending: 0,
        oldestPendingAt: null,
        arrivalsPerHour: 0,
        decisionsPerHour: 0,
        slaMs: SLA,
        now: NOW,
      }),
    ).toMatchObject({ state: 'ok', summary: 'nothing waiting; 0 decided an hour' });
  });
});
