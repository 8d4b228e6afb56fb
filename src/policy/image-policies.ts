import type { IConstruct } from 'constructs';
import { LookupInputError } from '../engine/errors/lookup-input-error';
import { evaluatePolicies } from './evaluate-policies';
import { parseFailOn, type FailOn } from './fail-on';
import type { PolicyPack } from './policy-pack';
import type { Suppression } from './suppression';
import { checkSuppressions } from './suppression';

/** Options of `ImagePolicies.of(scope).addPack()`. */
export interface AddPackOptions {
  /**
  The least serious severity that fails the synth, for findings on constructs in this scope: the
  same as calling `failOn()` on the scope. IMAGE_LOOKUPS_FAIL_ON (and `check --fail-on`) wins over it.
  @default the nearest enclosing scope's, else `error`
  */
  readonly failOn?: FailOn;
}

/** What one scope has attached. */
export interface ScopePolicies {
  readonly scope: IConstruct;
  readonly packs: PolicyPack[];
  readonly suppressions: Suppression[];
  failOn?: FailOn;
}

/** What an app has attached, scope by scope in the order they were first used, and its clock. */
export interface AppPolicies {
  readonly scopes: ScopePolicies[];
  now?: Date;
  /** Bumped on every change, so an evaluation made before a change is not reused. */
  version: number;
}

const appPolicies = new WeakMap<IConstruct, AppPolicies>();

/** What the app of `scope` has attached, if anything. */
export function appPoliciesOf(scope: IConstruct): AppPolicies | undefined {
  return appPolicies.get(scope.node.root);
}

/**
Policies on the images looked up under a scope, in the style of cdktf's `Annotations.of(scope)`:

    ImagePolicies.of(app).addPack(tencentSharesPack({ allowlistedAccounts: { accounts: ['1621874004'] } }));
    ImagePolicies.of(prodStack).failOn('warning');
    ImagePolicies.of(legacyShares).suppress({ ruleId: 'TencentShares.MaxShareAge', reason: 'Retired with the 2027 migration' });

A pack attached to the app covers every lookup construct; attached to a stack or a construct, the
lookup constructs at or under it. The rules run once per synth, after the final build, over every
lookup of the app (see `evaluateAppPolicies`), and their findings become annotations on the
constructs they concern: an error fails `cdktf synth`.
*/
export class ImagePolicies {
  static of(scope: IConstruct): ImagePolicies {
    return new ImagePolicies(scope);
  }

  private constructor(private readonly scope: IConstruct) {}

  /**
  Attaches a pack (its rules and pack id are checked now, naming the scope). Attaching one pack
  object twice to one scope is a no-op; the same pack configured differently may be attached to
  different scopes: for a construct under several, each rule id is checked by the nearest scope's
  rule (a stack's allowlist replaces the app's there; a rule only the app's pack has still applies).
  */
  addPack(pack: PolicyPack, options: AddPackOptions = {}): this {
    const where = `${this.describe()}: addPack(pack)`;
    try {
      evaluatePolicies([], [pack], { now: new Date(0) });
    } catch (error) {
      if (error instanceof LookupInputError) throw new LookupInputError(`${where}${error.input.replace(/^packs\[0\]/, '')}`, error.message.slice(error.input.length + 2));
      throw error;
    }
    // failOn is checked before the pack is attached: a refused addPack attaches nothing.
    if (options.failOn !== undefined) this.failOn(options.failOn);
    const own = this.own();
    if (!own.packs.includes(pack)) own.packs.push(pack);
    return this;
  }

  /**
  Accepts findings under this scope (see `Suppression`), checked now. Attached below the app, a
  suppression without `constructPath` covers this scope and everything under it; `constructPath`,
  when given, is a glob over full construct paths, as at the app.
  */
  suppress(...suppressions: Suppression[]): this {
    const own = this.own();
    const scoped = suppressions.map((suppression) => (this.isRoot() || suppression?.constructPath !== undefined || typeof suppression !== 'object'
      ? suppression : { ...suppression, constructPath: scopeGlob(this.scope.node.path) }));
    checkSuppressions(scoped, `${this.describe()}: suppressions`);
    if (!this.isRoot()) {
      // Attached to a scope, a suppression stays inside it: a glob reaching further belongs on the app.
      const path = this.scope.node.path;
      scoped.forEach((suppression, index) => {
        const glob = suppression.constructPath as string;
        if (glob !== path && !glob.startsWith(`${path}/`) && glob !== scopeGlob(path)) {
          throw new LookupInputError(`${this.describe()}: suppressions[${index}].constructPath`,
            `${JSON.stringify(glob)} reaches outside ${path}: give a glob under it, such as "${path}/**", or leave constructPath out ` +
            'to cover the whole scope (attach the suppression to the app to reach other stacks).');
        }
      });
    }
    own.suppressions.push(...scoped);
    return this;
  }

  /** The least serious severity that fails the synth for findings under this scope. IMAGE_LOOKUPS_FAIL_ON wins over it. */
  failOn(failOn: FailOn): this {
    const checked = typeof failOn === 'string' ? parseFailOn(failOn, `${this.describe()}: failOn`) : undefined;
    if (!checked) throw new LookupInputError(`${this.describe()}: failOn`, `${JSON.stringify(failOn)} is not a failOn setting: use 'error' or 'warning'`);
    this.own().failOn = checked;
    return this;
  }

  /**
  The clock every rule and suppression expiry of the app compares with. Pin it in tests and examples
  so results do not change with the calendar.
  @default the time of the synth
  */
  pinClock(now: Date | string): this {
    const date = typeof now === 'string' ? new Date(now) : now;
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
      throw new LookupInputError(`${this.describe()}: pinClock(now)`, `${JSON.stringify(now)} is not a time: give a Date or an ISO 8601 date-time such as "2026-06-01T00:00:00Z"`);
    }
    const app = this.app();
    app.now = date;
    app.version++;
    return this;
  }

  private own(): ScopePolicies {
    const app = this.app();
    app.version++;
    let own = app.scopes.find((entry) => entry.scope === this.scope);
    if (!own) app.scopes.push((own = { scope: this.scope, packs: [], suppressions: [] }));
    return own;
  }

  private app(): AppPolicies {
    const root = this.scope.node.root;
    let app = appPolicies.get(root);
    if (!app) appPolicies.set(root, (app = { scopes: [], version: 0 }));
    return app;
  }

  private isRoot(): boolean {
    return this.scope.node.scope === undefined;
  }

  private describe(): string {
    return this.isRoot() ? 'ImagePolicies.of(app)' : `ImagePolicies.of(${this.scope.node.path})`;
  }
}

/** A glob matching the construct at `path` and everything under it, `path`'s own glob characters escaped. */
export function scopeGlob(path: string): string {
  return `${path.replace(/[\\*?[\]{}()!+@|^$]/g, '\\$&')}{,/**}`;
}

/** A construct-path glob as people read it: `prod and everything under it` for a scope's own glob. */
export function describeConstructGlob(glob: string): string {
  return glob.endsWith('{,/**}') ? `${glob.slice(0, -'{,/**}'.length).replace(/\\(.)/g, '$1')} and everything under it` : glob;
}

/** Whether the construct at `constructPath` is `scope` or under it. */
export function isUnder(constructPath: string, scope: IConstruct): boolean {
  const scopePath = scope.node.path;
  return scope.node.scope === undefined || constructPath === scopePath || constructPath.startsWith(`${scopePath}/`);
}
