# conftest policy over lookups.json, the file `image-lookups check` writes next to its reports:
#   conftest test cdktf.out/image-lookups/lookups.json -p examples/conftest/policy/
# Denies every Tencent image shared with an account outside the list below.
package main

import rego.v1

# The accounts golden images may be shared with (the example's allowlist and the account under review).
allowed_accounts := {"1621874004", "877354327", "2087654321", "100000000001"}

deny contains msg if {
	some lookup in input.lookups
	lookup.cloud == "tencent"
	lookup.found == true
	some share in lookup.facts.shares
	not share.uin in allowed_accounts
	msg := sprintf("%s (%s, region %s) is shared with account %s, which is not allowed", [lookup.imageId, lookup.constructPath, lookup.region, share.uin])
}
