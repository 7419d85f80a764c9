// SPDX-License-Identifier: Apache-2.0
// policy_test_util.hpp: assertions on diagnostics shared by the policy tests.
#pragma once

#include <boost/test/unit_test.hpp>

#include <iamguard/policy/codes.hpp>
#include <iamguard/policy/parse.hpp>

namespace iamguard::test {

/// The diagnostics of `r` that have `code`.
inline std::vector<diagnostic> with_code(const policy::parse_result& r, std::string_view code) {
    std::vector<diagnostic> out;
    for (const auto& d : r.diagnostics)
        if (d.code == code) out.push_back(d);
    return out;
}

/// Exactly one diagnostic with `code`, at `line`:`column`, with severity `level`.
inline void expect_diag(const policy::parse_result& r, std::string_view code, std::uint32_t line,
                        std::uint32_t column, severity level = severity::error) {
    const auto found = with_code(r, code);
    BOOST_TEST_REQUIRE(found.size() == 1u, "expected one " << code << ", got " << found.size());
    BOOST_TEST(found[0].pos.line == line);
    BOOST_TEST(found[0].pos.column == column);
    BOOST_TEST((found[0].level == level));
}

/// Parses `text` as a policy of `kind` (or with no kind-specific checks when nullopt).
inline policy::parse_result parse_as(std::string_view text, std::optional<policy::policy_kind> kind = std::nullopt) {
    policy::parse_options o;
    o.kind = kind;
    return policy::parse(text, o);
}

}  // namespace iamguard::test
