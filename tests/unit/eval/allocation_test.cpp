// SPDX-License-Identifier: Apache-2.0
// Evaluating into a warmed-up trace allocates nothing: operator new is counted for this test.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <cstdlib>
#include <new>

#include "eval_util.hpp"

namespace {
std::atomic<long> allocations{0};
}  // namespace

// The replacements below pair malloc with free, which is correct; GCC's inliner still reports
// new/free as mismatched once both are visible in one function.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

void* operator new(std::size_t n) {
    allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

using namespace iamguard::eval;
using iamguard::test::prepare;

BOOST_AUTO_TEST_SUITE(allocation)

BOOST_AUTO_TEST_CASE(hot_path_does_not_allocate) {
    const auto id = prepare(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"arn:aws:s3:::data-${aws:username}/*",
         "Condition":{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","2001:db8::/32"]},"StringLike":{"aws:PrincipalTag/team":"${aws:username}*"},
                      "DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"},"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"},
                      "ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}},
        {"Effect":"Deny","NotAction":"s3:*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]})");
    const auto trust = prepare(R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111111111111:root"]},"Action":"s3:GetObject","Resource":"*"}})");
    policy_set set;
    set.identity = {&id};
    set.resource = &trust;
    request r;
    r.principal = "arn:aws:iam::111111111111:user/alice";
    r.action = "s3:GetObject";
    r.resource = "arn:aws:s3:::data-alice/k";
    r.resource_account = "222222222222";
    r.context.set("aws:username", "alice");
    r.context.set("aws:SourceIp", "10.1.2.3");
    r.context.set("aws:PrincipalTag/team", "alice-team");
    r.context.set("aws:CurrentTime", "2026-01-01T00:00:00Z");
    r.context.set("aws:MultiFactorAuthAge", "60");
    r.context.set("aws:MultiFactorAuthPresent", "true");
    r.context.set_list("aws:TagKeys", {"a"});
    trace t;
    BOOST_TEST_REQUIRE((evaluate(set, r, &t) == decision::allow));  // warms the trace up
    {
        // The counter sees allocations (guards against the replacement not being linked in).
        const long probe = allocations.load();
        auto* v = new std::string(100, 'x');
        delete v;
        BOOST_TEST_REQUIRE(allocations.load() - probe >= 1);
    }
    const long before = allocations.load();
    for (int i = 0; i < 100; ++i) {
        const auto d = evaluate(set, r, &t);
        BOOST_TEST_REQUIRE((d == decision::allow));
    }
    BOOST_TEST(allocations.load() - before == 0);
    const long before_untraced = allocations.load();
    BOOST_TEST_REQUIRE((evaluate(set, r) == decision::allow));
    BOOST_TEST(allocations.load() - before_untraced == 0);
}

// Replacing a key's value with a copy of a value that fits reuses the storage: a host asking
// many requests that differ in one key (the trust analyses' probes) allocates nothing per step.
BOOST_AUTO_TEST_CASE(replacing_a_key_with_a_copy_reuses_its_storage) {
    request_context ctx;
    const context_value long_value(std::string(40, 'a'));
    const context_value other(std::string(30, 'b'));
    const context_value list = context_value::list({"x", "y"});
    ctx.set("aws:PrincipalAccount", long_value);
    ctx.set("sts:ExternalId", list);
    const long before = allocations.load();
    for (int i = 0; i < 10; ++i) {
        ctx.set("AWS:principalaccount", i % 2 == 0 ? other : long_value);
        ctx.set("sts:externalid", list);
    }
    BOOST_TEST(allocations.load() - before == 0);
    BOOST_TEST(ctx.entries().size() == 2u);
    BOOST_TEST(ctx.entries()[0].key == "AWS:principalaccount");  // the case given last
    BOOST_TEST(ctx.find("aws:principalaccount")->values.front() == std::string(40, 'a'));
    BOOST_TEST(!ctx.find("aws:principalaccount")->multi);
    BOOST_TEST(ctx.find("sts:ExternalId")->multi);
    BOOST_TEST(ctx.find("sts:ExternalId")->values.size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
