// SPDX-License-Identifier: Apache-2.0
// Prepared policies are immutable: many threads evaluate the same policies at once, each with its
// own trace, and every thread sees the same decisions as a single-threaded run.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "eval_util.hpp"

using namespace iamguard::eval;
using iamguard::test::prepare;

BOOST_AUTO_TEST_SUITE(threads)

BOOST_AUTO_TEST_CASE(concurrent_evaluations_agree) {
    const auto id = prepare(R"({"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"},
        {"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]})");
    policy_set set;
    set.identity = {&id};
    std::vector<request> requests;
    std::vector<decision> expected;
    for (int i = 0; i < 16; ++i) {
        request r;
        r.principal = "arn:aws:iam::111111111111:user/u" + std::to_string(i);
        r.action = i % 3 == 0 ? "s3:DeleteObject" : "s3:GetObject";
        r.resource = "arn:aws:s3:::home/u" + std::to_string(i % 5 == 0 ? i + 1 : i) + "/f";
        r.resource_account = "111111111111";
        r.context.set("aws:username", "u" + std::to_string(i));
        r.context.set("aws:MultiFactorAuthPresent", i % 2 == 0 ? "true" : "false");
        expected.push_back(evaluate(set, r));
        requests.push_back(std::move(r));
    }
    std::atomic<int> mismatches{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < 4; ++t) {
        pool.emplace_back([&] {
            trace tr;
            for (int round = 0; round < 500; ++round)
                for (std::size_t i = 0; i < requests.size(); ++i)
                    if (evaluate(set, requests[i], &tr) != expected[i]) ++mismatches;
        });
    }
    for (auto& th : pool) th.join();
    BOOST_TEST(mismatches.load() == 0);
    // The requests cover all three answers.
    BOOST_TEST((std::count(expected.begin(), expected.end(), decision::allow) > 0));
    BOOST_TEST((std::count(expected.begin(), expected.end(), decision::explicit_deny) > 0));
    BOOST_TEST((std::count(expected.begin(), expected.end(), decision::implicit_deny) > 0));
}

BOOST_AUTO_TEST_SUITE_END()
