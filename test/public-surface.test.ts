// The package's public surface is src/index.ts. This suite pins its names, values and types alike,
// so a change to what users may import is always deliberate: update the list below with it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
const INDEX = path.join(ROOT, 'src/index.ts');

/** `value Name` for an export that exists at run time, `type Name` for one erased by the compiler. */
function exportsOf(file: string): string[] {
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const program = ts.createProgram([file], { ...options, noEmit: true });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
  return checker.getExportsOfModule(module).map((symbol) => {
    const specifier = symbol.declarations?.find(ts.isExportSpecifier);
    const typeOnly = specifier !== undefined && (specifier.isTypeOnly || specifier.parent.parent.isTypeOnly);
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    return `${!typeOnly && target.flags & ts.SymbolFlags.Value ? 'value' : 'type'} ${symbol.name}`;
  }).sort();
}

const PUBLIC_SURFACE = [
  // Constructs, their props and answers.
  'value AliyunVodImage',
  'type AliyunVodImageProps',
  'value TencentImageShares',
  'type TencentImageShareInfo',
  'type TencentImageSharesProps',
  'type ShareUinInfo',
  'type VodImageInfo',
  'type VodImageStatus',
  'type VodImageType',
  'type VodMezzanine',
  'type VodUrl',
  'type AliyunVodClientConfig',
  'type AliyunVodClientProps',
  'type TencentClientConfig',
  'type TencentClientProps',
  'type TencentShareApi',
  'value TENCENT_SHARE_APIS',
  'type TransportProps',
  'type RetryOptions',
  'type SnapshotResourceType',
  // Building an app.
  'value resolveLookups',
  'value synthWithLookups',
  'type ResolveLookupsOptions',
  'type ResolvedLookups',
  'value LookupEngine',
  'type LookupEngineOptions',
  'type LookupAgeProps',
  'type LookupMode',
  'type DiscoveryMode',
  'type LookupStats',
  'type CacheEntry',
  // Clients.
  'type ClientRuntimeOptions',
  'type LookupOutcome',
  'value AliyunVodImageClient',
  'type AliyunVodImageClientOptions',
  'type VodAnswerOptions',
  'value TencentImageShareClient',
  'type TencentImageShareClientOptions',
  'value TencentSharePermissionClient',
  'type SharePermissionLookup',
  'type SharePermissionAnswer',
  'type ImageShares',
  'type ImageSharesLookup',
  'type ShareUinInfoAnswer',
  // A lookup construct of one's own.
  'type LookupProvider',
  'type KindedLookupProvider',
  'type LookupHandle',
  'type LookupRequestOptions',
  'type FetchContext',
  'type FetchProgress',
  'type FetchedEntries',
  'type FetchedOutcome',
  'type LimitFunction',
  'value formatLookupKey',
  'value lookupKeysOf',
  'type LookupKeys',
  'type LookupKeyParams',
  'value addLookupValidations',
  'value throwWithoutSnapshot',
  'value LookupSnapshot',
  'type LookupSnapshotProps',
  'type SnapshotItemOutput',
  'value digestOf',
  'value shortDigestOf',
  // Errors.
  'value LookupError',
  'value isLookupError',
  'value LookupInputError',
  'value LookupPendingError',
  'value LookupUnresolvedError',
  'value LookupsMissingError',
  'value LookupRoundsExceededError',
  'value CacheEntryInvalidError',
  'value CacheFileInvalidError',
  'value CacheFileLockedError',
  'value CacheFileMissingError',
  'value CacheFileUnreadableError',
  'value CacheFileUnwritableError',
  'value AppCommandMissingError',
  'value LookupCallError',
  'value isLookupCallError',
  'type CallContext',
  'value RequestFailedError',
  'type AttemptPhase',
  'value RequestTimeoutError',
  'value ResponseInvalidError',
  'value ResponseTooLargeError',
  'value RedirectRefusedError',
  'value TencentApiError',
  'type TencentApiErrorDetails',
  'value TencentApi3Error',
  'type TencentApi3ErrorDetails',
  'value AliyunVodApiError',
  'type AliyunVodApiErrorDetails',
  // The emulator.
  'value Emulator',
  'type EmulatorOptions',
  'type EmulatorStats',
  'type EmulatorFault',
  'type TransientFault',
  'type EmulatorRequest',
  'type EmulatorData',
  'type EmulatorDataInput',
  'type AliyunEmulatorCredential',
  'type TencentEmulatorCredential',
  'type TencentEmulatorShare',
  'type VodEmulatorImage',
  // Policies.
  'value ImagePolicies',
  'type AddPackOptions',
  'value addPolicySubjects',
  'value evaluatePolicies',
  'type EvaluatePoliciesOptions',
  'type EvaluatedRule',
  'type PolicyResult',
  'type BatchRule',
  'type PolicyContext',
  'type PolicyRule',
  'type PolicyRuleInfo',
  'type RuleFinding',
  'type SubjectFinding',
  'type SubjectRule',
  'type PolicyPack',
  'type FoundSubject',
  'type NotFoundSubject',
  'type PolicySubject',
  'type SubjectLocation',
  'type PolicyFinding',
  'type Evidence',
  'type JsonValue',
  'type Severity',
  'type FailOn',
  'type CheckedSuppression',
  'type Suppression',
  'type ExpiredSuppression',
  'type IgnoredSuppression',
  'type SuppressedFinding',
  'type SuppressionOutcome',
  'type Baseline',
  'type BaselineEntry',
  'type FindingPlace',
  'value BaselineFileInvalidError',
  // Built-in rules and packs.
  'value tencentAllowlistedAccounts',
  'value tencentForbiddenAccounts',
  'value tencentImageFound',
  'value tencentMaxShareAge',
  'value tencentMaxSharesPerImage',
  'value tencentShareQuotaHeadroom',
  'value tencentSharesPack',
  'value tencentUnsharedImages',
  'type TencentAccountsOptions',
  'type TencentMaxShareAgeOptions',
  'type TencentMaxSharesPerImageOptions',
  'type TencentShareFacts',
  'type TencentShareQuotaHeadroomOptions',
  'type TencentSharesPackOptions',
  'type TencentShareSubject',
  'type TencentUnsharedImagesOptions',
  'value vodAllowedImageTypes',
  'value vodAllowedStorageLocations',
  'value vodHttpsUrls',
  'value vodImageFound',
  'value vodImageRules',
  'value vodImagesPack',
  'value vodMaxAge',
  'value vodRequiredTags',
  'value vodSizeBounds',
  'value vodStatusNormal',
  'value vodTitleRequired',
  'type FoundVodSubject',
  'type VodAllowedImageTypesOptions',
  'type VodAllowedStorageLocationsOptions',
  'type VodImagesPackOptions',
  'type VodMaxAgeOptions',
  'type VodRequiredTagsOptions',
  'type VodSizeBoundsOptions',
  // Pipeline reports (the JSON `check` writes).
  'type CheckFinding',
  'type CheckReport',
  'type CheckSummary',
  'type LookupRecord',
  'type LookupsFile',
  'type ReportedFinding',
  'type SourceLocation',
  // Testing stacks.
  'value LookupTesting',
  'type LookupTestingAppOptions',
  'type LookupFixture',
  'value tencentSharesFixture',
  'type TencentShareFixture',
  'type TencentSharesFixtureOptions',
  'value vodImageFixture',
  'type VodImageFixtureOptions',
  'value policyFindingsOf',
  'type ScopedPolicyFindings',
  'value imagePolicyMatchers',
  'type PolicyMatcherResult',
  'type PolicyViolationOptions',
];

const pinned = [...PUBLIC_SURFACE].sort();
let listed: string[];
beforeAll(() => { listed = exportsOf(INDEX); }, 60000);

test('src/index.ts exports exactly the chosen names, values and types', () => {
  expect(listed).toEqual(pinned);
});

test('the module exports at run time exactly the value names', () => {
  const runtime = Object.keys(require('../src') as object).filter((name) => name !== '__esModule').sort();
  expect(runtime).toEqual(pinned.filter((entry) => entry.startsWith('value ')).map((entry) => entry.slice('value '.length)).sort());
});

test('internals stay internal: schemas, signing, the form transport, chunking and the classifiers', () => {
  const names = new Set(listed.map((entry) => entry.split(' ')[1]));
  for (const internal of ['redact', 'sendForm', 'FormTransport', 'callInChunks', 'percentEncode', 'stringToSignV1', 'stringToSignRpc',
    'signV1', 'signRpc', 'signTc3', 'parseTc3Authorization', 'tencentSharePermissionKey', 'tencentSharePermissionProvider', 'tencentImageSharesProvider', 'classifyCallFailure', 'classifyTencentFailure', 'classifyVodFailure', 'emulatorDataSchema', 'imageInfoSchema',
    'legacyEnvelopeSchema', 'tencentImageSharesValueSchema', 'vodImageInfoSchema', 'LookupCache', 'lookupInBatches', 'APIS', 'API_LIST']) {
    expect(names).not.toContain(internal);
  }
});

test('package.json exposes the root, the jest matchers and the report schemas only: other files under lib/ are not the public API', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string; types: string; exports: unknown };
  expect(pkg.exports).toEqual({
    '.': { types: './lib/index.d.ts', default: './lib/index.js' },
    './jest': { types: './lib/testing/jest.d.ts', default: './lib/testing/jest.js' },
    './package.json': './package.json',
    './report.schema.json': './lib/report/report.schema.json',
    './lookups.schema.json': './lib/report/lookups.schema.json',
  });
  expect([pkg.main, pkg.types]).toEqual(['lib/index.js', 'lib/index.d.ts']);
});
