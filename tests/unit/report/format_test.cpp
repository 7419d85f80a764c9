// SPDX-License-Identifier: Apache-2.0
// Format names, tallies and thresholds.
#include <boost/test/unit_test.hpp>

#include <iamguard/report/format.hpp>
#include <iamguard/report/tally.hpp>

#include "sample_findings.hpp"

using namespace iamguard;

BOOST_AUTO_TEST_SUITE(format_and_tally)

BOOST_AUTO_TEST_CASE(format_names_round_trip) {
    for (auto f : {report::format::text, report::format::json, report::format::sarif, report::format::junit})
        BOOST_TEST((report::parse_format(report::to_string(f)) == f));
    BOOST_TEST(!report::parse_format("xml").has_value());
    BOOST_TEST(!report::parse_format("JSON").has_value());
    BOOST_TEST(report::streams(report::format::text));
    BOOST_TEST(report::streams(report::format::json));
    BOOST_TEST(report::streams(report::format::sarif));
}

BOOST_AUTO_TEST_CASE(tally_counts_and_thresholds) {
    const test::sample_report s;
    report::tally t;
    t.add_all(s.findings);
    BOOST_TEST(t.passed == 1u);
    BOOST_TEST(t.failed == 2u);
    BOOST_TEST(t.errors == 1u);
    BOOST_TEST(t.total() == 4u);
    BOOST_TEST(t.failed_at_or_above(rules::rule_severity::info) == 2u);
    BOOST_TEST(t.failed_at_or_above(rules::rule_severity::low) == 2u);
    BOOST_TEST(t.failed_at_or_above(rules::rule_severity::medium) == 1u);
    BOOST_TEST(t.failed_at_or_above(rules::rule_severity::high) == 1u);
    BOOST_TEST(t.failed_at_or_above(rules::rule_severity::critical) == 0u);
    BOOST_TEST(t.errors_at_or_above(rules::rule_severity::high) == 1u);
    BOOST_TEST(t.errors_at_or_above(rules::rule_severity::critical) == 0u);
    report::tally u;
    u.merge(t);
    u.merge(t);
    BOOST_TEST(u.failed == 4u);
    BOOST_TEST(u.failed_by_severity[static_cast<std::size_t>(rules::rule_severity::low)] == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
