// The package's public surface: everything a user of 'cdktf-image-lookups' may import, and nothing
// else. The folders' index.ts files are internal barrels (for tests, the CLI and the bench); what
// is not listed here (schemas, signing, the form transport, retry classifiers, key helpers of the
// built-in providers) may change in any release. test/public-surface.test.ts pins this list, so a
// change to it is always deliberate.

// ── Constructs: synth-time data sources, their props and their answers ──────────────────────────
export { TencentImageShares } from './tencent-image-shares/tencent-image-shares';
export type { TencentImageSharesProps, TencentImageShareInfo } from './tencent-image-shares/tencent-image-shares';
export type { ShareUinInfo } from './tencent-image-shares/response';

export { AliyunVodImage } from './aliyun-vod-images/aliyun-vod-image';
export type { AliyunVodImageProps } from './aliyun-vod-images/aliyun-vod-image';
export type { VodImageInfo, VodImageStatus, VodImageType, VodMezzanine } from './aliyun-vod-images/response';
export type { VodUrl } from './aliyun-vod-images/signed-url';

// Props the constructs and the clients share: where the API is, credentials, transport, snapshot.
export type { TencentClientConfig, TencentClientProps, TencentShareApi } from './tencent-image-shares/client-config';
export { TENCENT_SHARE_APIS } from './tencent-image-shares/client-config';
export type { AliyunVodClientConfig, AliyunVodClientProps } from './aliyun-vod-images/client-config';
export type { TransportProps } from './http/transport-options';
export type { RetryOptions } from './http/with-retries';
export type { SnapshotResourceType } from './snapshot/lookup-snapshot';

// ── Building an app: the builds that make lookups synchronous, and the engine behind them ───────
export { resolveLookups, synthWithLookups } from './engine/resolve-lookups';
export type { ResolveLookupsOptions, ResolvedLookups } from './engine/resolve-lookups';
export { LookupEngine } from './engine/lookup-engine';
export type { LookupStats } from './engine/lookup-engine';
export type { CacheEntry } from './engine/lookup-cache';
export type { DiscoveryMode, LookupAgeProps, LookupEngineOptions, LookupMode } from './engine/lookup-options';

// ── Clients: the signed API calls on their own, without the engine or a cache ───────────────────
export type { ClientRuntimeOptions, LookupOutcome } from './http/lookup-batch';
export { TencentImageShareClient } from './tencent-image-shares/client';
export type { ImageSharesLookup, TencentImageShareClientOptions } from './tencent-image-shares/client';
export { TencentSharePermissionClient } from './tencent-image-shares/api3-client';
export type { SharePermissionLookup } from './tencent-image-shares/api3-client';
export type { SharePermissionAnswer } from './tencent-image-shares/api3-response';
export type { ImageShares, ShareUinInfoAnswer } from './tencent-image-shares/response';

export { AliyunVodImageClient } from './aliyun-vod-images/client';
export type { AliyunVodImageClientOptions, VodAnswerOptions } from './aliyun-vod-images/client';

// ── Your own lookup construct: a provider for your API, and what the built-in constructs use ────
export type {
  FetchContext, FetchedEntries, FetchedOutcome, FetchProgress, KindedLookupProvider, LimitFunction, LookupProvider,
} from './engine/lookup-provider';
export type { LookupHandle, LookupRequestOptions } from './engine/lookup-engine';
export { formatLookupKey, lookupKeysOf } from './engine/lookup-key';
export type { LookupKeyParams, LookupKeys } from './engine/lookup-key';
export { addLookupValidations, throwWithoutSnapshot } from './engine/add-lookup-validations';
export { LookupSnapshot } from './snapshot/lookup-snapshot';
export type { LookupSnapshotProps, SnapshotItemOutput } from './snapshot/lookup-snapshot';
export { digestOf, shortDigestOf } from './snapshot/digest';

// ── Errors: each has a stable `code`; the guards also match errors from another copy of the package
export { isLookupError, LookupError } from './engine/errors/lookup-error';
export { LookupInputError } from './engine/errors/lookup-input-error';
export { LookupPendingError } from './engine/errors/lookup-pending-error';
export { LookupUnresolvedError } from './engine/errors/lookup-unresolved-error';
export { LookupsMissingError } from './engine/errors/lookups-missing-error';
export { LookupRoundsExceededError } from './engine/errors/lookup-rounds-exceeded-error';
export { CacheEntryInvalidError } from './engine/errors/cache-entry-invalid-error';
export { CacheFileInvalidError } from './engine/errors/cache-file-invalid-error';
export { CacheFileLockedError } from './engine/errors/cache-file-locked-error';
export { CacheFileMissingError } from './engine/errors/cache-file-missing-error';
export { CacheFileUnreadableError } from './engine/errors/cache-file-unreadable-error';
export { CacheFileUnwritableError } from './engine/errors/cache-file-unwritable-error';
export { AppCommandMissingError } from './engine/errors/app-command-missing-error';

// Errors of an API call: the base (with the call's context), network faults, answers.
export { isLookupCallError, LookupCallError } from './http/errors/lookup-call-error';
export type { CallContext } from './http/call-context';
export { RequestFailedError } from './http/errors/request-failed-error';
export type { AttemptPhase } from './http/errors/request-failed-error';
export { RequestTimeoutError } from './http/errors/request-timeout-error';
export { ResponseInvalidError } from './http/errors/response-invalid-error';
export { ResponseTooLargeError } from './http/errors/response-too-large-error';
export { RedirectRefusedError } from './http/errors/redirect-refused-error';
export { TencentApiError } from './tencent-image-shares/api-error';
export type { TencentApiErrorDetails } from './tencent-image-shares/api-error';
export { TencentApi3Error } from './tencent-image-shares/api3-error';
export type { TencentApi3ErrorDetails } from './tencent-image-shares/api3-error';
export { AliyunVodApiError } from './aliyun-vod-images/api-error';
export type { AliyunVodApiErrorDetails } from './aliyun-vod-images/api-error';

// ── Policies: rules over looked-up images, packs, suppressions, attached with ImagePolicies.of ──
export { ImagePolicies } from './policy/image-policies';
export type { AddPackOptions } from './policy/image-policies';
export { addPolicySubjects } from './policy/policy-subjects';
export { evaluatePolicies } from './policy/evaluate-policies';
export type { EvaluatePoliciesOptions, EvaluatedRule, PolicyResult } from './policy/evaluate-policies';
export type { BatchRule, PolicyContext, PolicyRule, PolicyRuleInfo, RuleFinding, SubjectFinding, SubjectRule } from './policy/policy-rule';
export type { PolicyPack } from './policy/policy-pack';
export type { FoundSubject, NotFoundSubject, PolicySubject, SubjectLocation } from './policy/policy-subject';
export type { PolicyFinding } from './policy/policy-finding';
export type { Evidence, JsonValue } from './policy/evidence';
export type { Severity } from './policy/severity';
export type { FailOn } from './policy/fail-on';
export type { CheckedSuppression, Suppression } from './policy/suppression';
export type { ExpiredSuppression, IgnoredSuppression, SuppressedFinding, SuppressionOutcome } from './policy/apply-suppressions';
export type { Baseline, BaselineEntry } from './policy/baseline';
export type { FindingPlace } from './policy/suppression-match';
export { BaselineFileInvalidError } from './policy/errors/baseline-file-invalid-error';

// The Tencent share-list rules and pack, and the VOD image rules and pack (each rule's id is in its TSDoc).
export {
  tencentAllowlistedAccounts, tencentForbiddenAccounts, tencentImageFound, tencentMaxShareAge, tencentMaxSharesPerImage,
  tencentShareQuotaHeadroom, tencentSharesPack, tencentUnsharedImages,
} from './tencent-image-shares/rules';
export type {
  TencentAccountsOptions, TencentMaxShareAgeOptions, TencentMaxSharesPerImageOptions, TencentShareFacts, TencentShareQuotaHeadroomOptions,
  TencentSharesPackOptions, TencentShareSubject, TencentUnsharedImagesOptions,
} from './tencent-image-shares/rules';
export {
  vodAllowedImageTypes, vodAllowedStorageLocations, vodHttpsUrls, vodImageFound, vodImageRules, vodImagesPack, vodMaxAge,
  vodRequiredTags, vodSizeBounds, vodStatusNormal, vodTitleRequired,
} from './aliyun-vod-images/rules';
export type {
  FoundVodSubject, VodAllowedImageTypesOptions, VodAllowedStorageLocationsOptions, VodImagesPackOptions, VodMaxAgeOptions,
  VodRequiredTagsOptions, VodSizeBoundsOptions,
} from './aliyun-vod-images/rules';

// ── Pipeline reports: the JSON written by `image-lookups check` (report.json, lookups.json) ──────
export type {
  CheckFinding, CheckReport, CheckSummary, LookupRecord, LookupsFile, ReportedFinding, SourceLocation,
} from './report/check-report';

// ── Testing stacks: fixture lookups without network, and policy matchers (jest: 'cdktf-image-lookups/jest') ──
export { LookupTesting } from './testing/lookup-testing';
export type { LookupTestingAppOptions } from './testing/lookup-testing';
export type { LookupFixture } from './testing/lookup-fixture';
export { tencentSharesFixture } from './tencent-image-shares/test-fixture';
export type { TencentShareFixture, TencentSharesFixtureOptions } from './tencent-image-shares/test-fixture';
export { vodImageFixture } from './aliyun-vod-images/test-fixture';
export type { VodImageFixtureOptions } from './aliyun-vod-images/test-fixture';
export { policyFindingsOf } from './testing/policy-findings';
export type { ScopedPolicyFindings } from './testing/policy-findings';
export { imagePolicyMatchers } from './testing/policy-matchers';
export type { PolicyMatcherResult, PolicyViolationOptions } from './testing/policy-matchers';

// ── The emulator: the built-in APIs on loopback, for tests, examples and benchmarks ─────────────
export { Emulator } from './emulator/emulator-server';
export type { EmulatorOptions, EmulatorStats } from './emulator/emulator-server';
export type { EmulatorFault, TransientFault } from './emulator/emulator-faults';
export type { EmulatorRequest } from './emulator/emulator-route';
export type { EmulatorData, EmulatorDataInput } from './emulator/emulator-data';
export type { TencentEmulatorCredential, TencentEmulatorShare } from './tencent-image-shares/emulator-data';
export type { AliyunEmulatorCredential, VodEmulatorImage } from './aliyun-vod-images/emulator-data';
