import type { Control } from '@firebreak/contract';
import type {
  AnyProviderEvent,
  EvaluationContext,
  EventDetails,
  EventHandler,
  JsonValue,
  Provider,
  ProviderEventEmitter,
  ResolutionDetails,
} from '@openfeature/server-sdk';
import { type ControlsOptions, FirebreakControls } from './controls';

type Emitter = ProviderEventEmitter<Parameters<ProviderEventEmitter<never>['emit']>[0]>;

/**
 * The smallest event emitter the OpenFeature SDK needs from a provider, so the SDK stays free of
 * runtime dependencies: it attaches its handlers here and we call them.
 */
class ProviderEvents implements Emitter {
  private readonly handlers = new Map<AnyProviderEvent, Set<EventHandler>>();
  emit(type: AnyProviderEvent, details: Record<string, unknown> = {}): void {
    for (const handler of this.handlers.get(type) ?? []) {
      try {
        // A provider gives only the event's context: the OpenFeature SDK's handlers add the
        // provider's name (and domain) to what they pass on, so the details are not complete here.
        handler(details as EventDetails);
      } catch {
        // a handler's failure is its own
      }
    }
  }
  addHandler(type: AnyProviderEvent, handler: EventHandler): void {
    const set = this.handlers.get(type) ?? new Set<EventHandler>();
    set.add(handler);
    this.handlers.set(type, set);
  }
  removeHandler(type: AnyProviderEvent, handler: EventHandler): void {
    this.handlers.get(type)?.delete(handler);
  }
  removeAllHandlers(type?: AnyProviderEvent): void {
    if (type === undefined) this.handlers.clear();
    else this.handlers.delete(type);
  }
  getHandlers(type: AnyProviderEvent): EventHandler[] {
    return [...(this.handlers.get(type) ?? [])];
  }
  setLogger(): this {
    return this;
  }
}

export interface FirebreakProviderOptions extends ControlsOptions {
  /** How long `initialize` waits for the server's state before going on with what it has (default 5 s). */
  readyTimeoutMs?: number;
}

/**
 * An OpenFeature server provider over Firebreak controls, for apps on the OpenFeature JS SDK:
 * kill switches are boolean flags, routes and output filters string flags (the version, the
 * level), human review a number flag (its share), every control an object flag (its state).
 * A kill switch always evaluates to an explicit value: when its state is unknown it fails as
 * declared (closed: false) with reason DEFAULT and no error code, because an error code would
 * make the OpenFeature SDK hand back the caller's default, which may be "on".
 *
 * @example
 * await OpenFeature.setProviderAndWait(new FirebreakProvider({ baseUrl, token, systems: ['support-copilot'] }));
 * const autoSend = await OpenFeature.getClient().getBooleanValue('support-copilot.auto-send', false);
 */
export class FirebreakProvider implements Provider {
  readonly metadata = { name: 'firebreak' } as const;
  readonly runsOn = 'server' as const;
  readonly events: Emitter = new ProviderEvents();
  readonly controls: FirebreakControls;
  private readonly systems: readonly string[];
  private readonly readyTimeoutMs: number;

  constructor(options: FirebreakProviderOptions) {
    this.systems = options.systems;
    this.readyTimeoutMs = options.readyTimeoutMs ?? 5_000;
    this.controls = new FirebreakControls(options);
    this.controls.subscribe((control) =>
      this.events.emit('PROVIDER_CONFIGURATION_CHANGED' as never, {
        flagsChanged: [control.key],
        metadata: { seq: control.seq },
      }),
    );
  }

  /** Resolves once the server's state is in, or after the timeout with the stored state and fail modes: never rejects, so the SDK never falls back to callers' defaults. */
  async initialize(): Promise<void> {
    await this.controls.ready(this.readyTimeoutMs);
  }

  async onClose(): Promise<void> {
    this.controls.close();
  }

  async resolveBooleanEvaluation(flagKey: string, defaultValue: boolean): Promise<ResolutionDetails<boolean>> {
    const control = this.controls.get(flagKey);
    if (!control) {
      if (!this.ours(flagKey)) return notFound(flagKey, defaultValue);
      const value = this.controls.isEnabled(flagKey);
      return {
        value,
        variant: value ? 'on' : 'off',
        reason: 'DEFAULT',
        flagMetadata: { failMode: value ? 'open' : 'closed' },
      };
    }
    if (control.state.kind !== 'kill_switch') return mismatch(control, 'boolean', defaultValue);
    return {
      value: control.state.enabled,
      variant: control.state.enabled ? 'on' : 'off',
      reason: 'STATIC',
      flagMetadata: metadata(control),
    };
  }

  async resolveStringEvaluation(
    flagKey: string,
    defaultValue: string,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<string>> {
    const control = this.controls.get(flagKey);
    if (!control) return notFound(flagKey, defaultValue);
    if (control.state.kind === 'route') {
      const value = this.controls.version(flagKey, withTargetingKey(control, context)) ?? control.state.active;
      const split = value !== control.state.active;
      return {
        value,
        variant: value,
        reason: control.state.canary ? (split ? 'SPLIT' : 'TARGETING_MATCH') : 'STATIC',
        flagMetadata: metadata(control),
      };
    }
    if (control.state.kind === 'output_filter')
      return {
        value: control.state.level,
        variant: control.state.level,
        reason: 'STATIC',
        flagMetadata: metadata(control),
      };
    return mismatch(control, 'string', defaultValue);
  }

  async resolveNumberEvaluation(flagKey: string, defaultValue: number): Promise<ResolutionDetails<number>> {
    const control = this.controls.get(flagKey);
    if (!control) return notFound(flagKey, defaultValue);
    if (control.state.kind === 'human_review')
      return { value: control.state.share, reason: 'STATIC', flagMetadata: metadata(control) };
    return mismatch(control, 'number', defaultValue);
  }

  async resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T): Promise<ResolutionDetails<T>> {
    const control = this.controls.get(flagKey);
    if (!control) return notFound(flagKey, defaultValue);
    const state: JsonValue = control.state;
    // OpenFeature lets the caller name the object type it expects (T); the state is what it gets.
    return { value: state as T, reason: 'STATIC', flagMetadata: metadata(control) };
  }

  private ours(key: string): boolean {
    return this.systems.some((system) => key.startsWith(`${system}.`));
  }
}

/** OpenFeature's targetingKey stands in for the canary's sticky attribute when that is absent. */
function withTargetingKey(
  control: Control,
  context: EvaluationContext,
): Record<string, string | number | boolean | undefined> {
  const sticky = control.state.kind === 'route' ? control.state.canary?.stickyBy : undefined;
  const flat: Record<string, string | number | boolean | undefined> = {};
  for (const [key, value] of Object.entries(context))
    if (typeof value !== 'object') flat[key] = value as string | number | boolean;
  if (sticky && flat[sticky] === undefined && context.targetingKey !== undefined) flat[sticky] = context.targetingKey;
  return flat;
}

function metadata(control: Control): Record<string, string | number | boolean> {
  return { kind: control.kind, seq: control.seq, updatedBy: control.updatedBy, updatedAt: control.updatedAt };
}

function notFound<T>(key: string, value: T): ResolutionDetails<T> {
  return { value, reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' as never, errorMessage: `no Firebreak control ${key}` };
}

function mismatch<T>(control: Control, wanted: string, value: T): ResolutionDetails<T> {
  return {
    value,
    reason: 'ERROR',
    errorCode: 'TYPE_MISMATCH' as never,
    errorMessage: `${control.key} is a ${control.kind}; it does not evaluate to a ${wanted}`,
  };
}
