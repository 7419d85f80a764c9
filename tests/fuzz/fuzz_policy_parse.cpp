// SPDX-License-Identifier: Apache-2.0
// fuzz_policy_parse.cpp: policy parsing never crashes, and a policy that parses without errors
// round-trips: parse(print(d)) is equivalent to d, in both the original and the normalised
// layouts. A policy with errors has a best-effort AST (invalid values are dropped, so it cannot
// round-trip); it must still print to JSON that parses.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <iamguard/policy/parse.hpp>
#include <iamguard/policy/print.hpp>
#include <iamguard/policy/validate.hpp>

namespace {
void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "fuzz_policy_parse: property violated: %s\n", what);
        std::abort();
    }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    iamguard::policy::parse_options opts;
    opts.json.max_depth = 64;
    const auto r = iamguard::policy::parse(text, opts);
    if (!r.doc) return 0;
    for (auto k : {iamguard::policy::policy_kind::identity, iamguard::policy::policy_kind::trust,
                   iamguard::policy::policy_kind::resource, iamguard::policy::policy_kind::rcp}) {
        (void)iamguard::policy::validate(*r.doc, k);
    }
    (void)iamguard::policy::infer_kind(*r.doc);
    const auto again = iamguard::policy::parse(iamguard::policy::print(*r.doc));
    check(again.doc.has_value(), "printed policy parses");
    if (!r.ok()) return 0;
    check(iamguard::policy::equivalent(*r.doc, *again.doc), "parse(print(d)) is equivalent to d");
    const auto norm = iamguard::policy::parse(iamguard::policy::print(*r.doc, {.pretty = false, .normalized = true}));
    check(norm.doc.has_value(), "normalised policy parses");
    check(norm.doc->statements.size() == r.doc->statements.size(), "normalising keeps every statement");
    return 0;
}
