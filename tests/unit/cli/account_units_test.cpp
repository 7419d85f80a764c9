// SPDX-License-Identifier: Apache-2.0
// Which inputs of `iamguard scan` are loaded together: the account an input's first bytes name,
// and the grouping of inputs into units of one account.
#define BOOST_TEST_MODULE account_units
#include <boost/test/unit_test.hpp>

#include "account_units.hpp"

using iamguard::cli::account_probe;
using iamguard::cli::join_units;
using iamguard::cli::probe_account;
using iamguard::entity::input_format;

namespace {

using units = std::vector<std::vector<std::size_t>>;

account_probe probe_of(std::string a, bool authz = true) { return {std::move(a), authz}; }

}  // namespace

BOOST_AUTO_TEST_SUITE(probe)

BOOST_AUTO_TEST_CASE(an_authorization_details_page_is_of_the_account_of_its_first_entity) {
    // The trust policy names another account before the role's own `Arn` member would, in a
    // `Principal`, and a description quotes an ARN member: neither counts.
    const auto p = probe_account(R"({"RoleDetailList": [{"RoleName": "r", "Description": "see \"Arn\": \"arn:aws:iam::333333333333:role/x\"",
        "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999999999999:root"}}]},
        "Arn" : "arn:aws:iam::111122223333:role/r"}]})",
                                 std::nullopt);
    BOOST_TEST(p.authorization_details);
    BOOST_TEST(p.account == "111122223333");
}

BOOST_AUTO_TEST_CASE(aws_managed_policies_belong_to_no_account) {
    const auto p = probe_account(R"({"Policies": [{"PolicyName": "ReadOnlyAccess", "Arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
        {"PolicyName": "Mine", "Arn": "arn:aws-us-gov:iam::444455556666:policy/Mine"}]})",
                                 std::nullopt);
    BOOST_TEST(p.authorization_details);
    BOOST_TEST(p.account == "444455556666");  // the first ARN of an account, in any partition
    const auto only_aws = probe_account(R"({"Policies": [{"PolicyName": "A", "Arn": "arn:aws:iam::aws:policy/A"}]})",
                                        std::nullopt);
    BOOST_TEST(only_aws.authorization_details);
    BOOST_TEST(only_aws.account.empty());
}

BOOST_AUTO_TEST_CASE(get_role_list_roles_and_credential_reports_name_their_account) {
    BOOST_TEST(probe_account(R"({"Role": {"RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/r"}})", std::nullopt)
                   .account == "111122223333");
    BOOST_TEST(probe_account(R"({"Roles": [{"RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/r"}]})", std::nullopt)
                   .account == "111122223333");
    const auto csv = probe_account(
        "user,arn,user_creation_time,password_enabled\n<root_account>,arn:aws:iam::777788889999:root,2020-01-01T00:00:00+00:00,not_supported\n",
        std::nullopt);
    BOOST_TEST(csv.account == "777788889999");
    BOOST_TEST(!csv.authorization_details);
}

BOOST_AUTO_TEST_CASE(malformed_arns_other_formats_and_cut_prefixes_name_no_account) {
    // eleven digits; a role ARN cut before its account ends (the prefix of a larger input)
    BOOST_TEST(probe_account(R"({"Role": {"Arn": "arn:aws:iam::11112222333:role/r"}})", std::nullopt).account.empty());
    BOOST_TEST(probe_account(R"({"RoleDetailList": [{"RoleName": "r", "Arn": "arn:aws:iam::1111)", std::nullopt).account.empty());
    // a template names accounts in its policies, but its resources belong to none yet
    BOOST_TEST(probe_account(R"({"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"R": {"Type": "AWS::IAM::Role",
        "Properties": {"Arn": "arn:aws:iam::111122223333:role/r"}}}})",
                             std::nullopt)
                   .account.empty());
    BOOST_TEST(probe_account("", std::nullopt).account.empty());
}

BOOST_AUTO_TEST_CASE(a_forced_format_decides_how_the_input_is_read) {
    const std::string text = R"({"Roles": [{"RoleName": "r", "Arn": "arn:aws:iam::111122223333:role/r"}]})";
    BOOST_TEST(probe_account(text, input_format::list_roles).account == "111122223333");
    BOOST_TEST(probe_account(text, input_format::canonical).account.empty());
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(grouping)

BOOST_AUTO_TEST_CASE(inputs_of_one_account_form_a_unit_in_order_of_first_appearance) {
    const auto u = join_units(std::vector<account_probe>{probe_of("111"), probe_of("222"), probe_of("111", false), probe_of("333"), probe_of("222")});
    BOOST_TEST((u == units{{0, 2}, {1, 4}, {3}}));
}

BOOST_AUTO_TEST_CASE(a_page_without_an_account_goes_with_the_input_before_it) {
    const auto u = join_units(std::vector<account_probe>{probe_of("111"), probe_of(""), probe_of("222"), probe_of(""), probe_of("")});
    BOOST_TEST((u == units{{0, 1}, {2, 3, 4}}));
}

BOOST_AUTO_TEST_CASE(an_input_of_unknown_account_puts_every_input_in_one_unit) {
    BOOST_TEST((join_units(std::vector<account_probe>{probe_of("111"), probe_of("", false), probe_of("222")}) == units{{0, 1, 2}}));
    BOOST_TEST((join_units(std::vector<account_probe>{probe_of(""), probe_of("111"), probe_of("222")}) == units{{0, 1, 2}}));  // a first page without one
    BOOST_TEST(join_units(std::vector<account_probe>{}).empty());
}

BOOST_AUTO_TEST_SUITE_END()
