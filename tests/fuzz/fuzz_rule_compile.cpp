// SPDX-License-Identifier: Apache-2.0
// fuzz_rule_compile.cpp: rule compilation never crashes or throws, reports every error with a
// position inside the source, and what compiles evaluates on a small fixed entity without crashing.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <iamguard/entity/load.hpp>
#include <iamguard/rules/compile.hpp>
#include <iamguard/rules/rule_set.hpp>

namespace {
void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "fuzz_rule_compile: property violated: %s\n", what);
        std::abort();
    }
}

const std::vector<iamguard::entity::entity>& sample_entities() {
    static const auto loaded = iamguard::entity::load(
        R"({"type":"Role","name":"r","arn":"arn:aws:iam::111122223333:role/r","accountId":"111122223333","assumeRolePolicy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"x"}}}]},"tags":[{"key":"env","value":"prod"}],"createDate":"2024-01-01T00:00:00Z"}
{"type":"User","name":"u","arn":"arn:aws:iam::111122223333:user/u","accessKeys":[{"isActive":true,"lastRotated":"2020-01-01T00:00:00Z"}],"mfaActive":false}
{"type":"Policy","name":"p","arn":"arn:aws:iam::111122223333:policy/p","attachmentCount":2,"document":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}}
)",
        "entities.jsonl");
    return loaded.entities;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view source(reinterpret_cast<const char*>(data), size);
    iamguard::rules::compile_options opts;
    opts.limit.max_nesting = 32;
    const auto r = iamguard::rules::compile(source, "fuzz.rule", opts);
    for (const auto& d : r.diagnostics) {
        check(d.pos.offset <= source.size(), "diagnostic offset inside the source");
        check(d.pos.line >= 1 && d.pos.column >= 1, "diagnostic line and column are 1-based");
    }
    check(r.rules.has_value() == !iamguard::has_errors(r.diagnostics), "a rule set exactly when there is no error");
    if (!r.rules) return 0;
    std::vector<iamguard::rules::finding> out;
    const auto& all = sample_entities();
    for (const auto& e : all) r.rules->evaluate(e, {}, out);
    r.rules->evaluate_aggregates(all, {}, out);
    return 0;
}
