// SPDX-License-Identifier: Apache-2.0
#include <boost/test/unit_test.hpp>

#include <iamguard/policy/condition_operator.hpp>

using namespace iamguard::policy;

BOOST_AUTO_TEST_SUITE(condition_operator_names)

BOOST_AUTO_TEST_CASE(every_base_parses_and_prints_back) {
    const char* names[] = {"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
                           "StringLike", "StringNotLike", "NumericEquals", "NumericNotEquals", "NumericLessThan",
                           "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "DateEquals",
                           "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan",
                           "DateGreaterThanEquals", "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals",
                           "ArnLike", "ArnNotEquals", "ArnNotLike", "Null"};
    for (const char* n : names) {
        const auto op = parse_operator(n);
        BOOST_TEST_REQUIRE(op.has_value(), n);
        BOOST_TEST(to_string(*op) == n);
        BOOST_TEST((op->qualifier == set_qualifier::none));
        BOOST_TEST(!op->if_exists);
        if (std::string_view(n) != "Null") {
            const auto ie = parse_operator(std::string(n) + "IfExists");
            BOOST_TEST_REQUIRE(ie.has_value());
            BOOST_TEST(ie->if_exists);
            BOOST_TEST(to_string(*ie) == std::string(n) + "IfExists");
        }
    }
}

BOOST_AUTO_TEST_CASE(qualifiers) {
    auto op = parse_operator("ForAllValues:StringNotLikeIfExists");
    BOOST_TEST_REQUIRE(op.has_value());
    BOOST_TEST((op->qualifier == set_qualifier::for_all_values));
    BOOST_TEST((op->base == condition_base::string_not_like));
    BOOST_TEST(op->if_exists);
    op = parse_operator("ForAnyValue:ArnLike");
    BOOST_TEST((op->qualifier == set_qualifier::for_any_value));
    BOOST_TEST(to_string(*op) == "ForAnyValue:ArnLike");
}

BOOST_AUTO_TEST_CASE(rejected_names) {
    BOOST_TEST(!parse_operator("NullIfExists").has_value());
    BOOST_TEST(!parse_operator("stringequals").has_value());  // names are case-sensitive
    BOOST_TEST(!parse_operator("ForAllValue:StringLike").has_value());
    BOOST_TEST(!parse_operator("StringLikeIfExistsIfExists").has_value());
    BOOST_TEST(!parse_operator("").has_value());
}

BOOST_AUTO_TEST_CASE(negation_family_and_variables) {
    BOOST_TEST(is_negated(condition_base::string_not_equals_ignore_case));
    BOOST_TEST(is_negated(condition_base::not_ip_address));
    BOOST_TEST(!is_negated(condition_base::null_));
    BOOST_TEST((positive_of(condition_base::arn_not_like) == condition_base::arn_like));
    BOOST_TEST((positive_of(condition_base::date_not_equals) == condition_base::date_equals));
    BOOST_TEST((family(condition_base::numeric_less_than) == operator_family::numeric));
    BOOST_TEST((family(condition_base::unknown) == operator_family::unknown));
    BOOST_TEST(allows_variables(condition_base::string_like));
    BOOST_TEST(allows_variables(condition_base::arn_equals));
    BOOST_TEST(!allows_variables(condition_base::ip_address));
    BOOST_TEST(!allows_variables(condition_base::date_equals));
}

BOOST_AUTO_TEST_CASE(suggestions) {
    BOOST_TEST(suggest_operator("StringLyke") == "StringLike");
    BOOST_TEST(suggest_operator("stringequals") == "StringEquals");
    BOOST_TEST(suggest_operator("ForAllValue:StringLike") == "ForAllValues:StringLike");
    BOOST_TEST(suggest_operator("BoolIfExist") == "BoolIfExists");
    BOOST_TEST(suggest_operator("CompletelyDifferent").empty());
}

BOOST_AUTO_TEST_SUITE_END()
