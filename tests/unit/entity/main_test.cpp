// SPDX-License-Identifier: Apache-2.0
#define BOOST_TEST_MODULE entity
#include <boost/test/unit_test.hpp>

#include <iamguard/entity/entity.hpp>

using namespace iamguard::entity;

BOOST_AUTO_TEST_SUITE(entity_types)

BOOST_AUTO_TEST_CASE(primary_names) {
    BOOST_TEST(to_string(entity_type::account) == "Account");
    BOOST_TEST(to_string(entity_type::role) == "Role");
    BOOST_TEST(to_string(entity_type::user) == "User");
    BOOST_TEST(to_string(entity_type::group) == "Group");
    BOOST_TEST(to_string(entity_type::policy) == "Policy");
}

BOOST_AUTO_TEST_CASE(aliases_are_case_insensitive) {
    BOOST_TEST((parse_entity_type("IamRole") == entity_type::role));
    BOOST_TEST((parse_entity_type("iamrole") == entity_type::role));
    BOOST_TEST((parse_entity_type("Iam") == entity_type::account));
    BOOST_TEST((parse_entity_type("ACCOUNT") == entity_type::account));
    BOOST_TEST((parse_entity_type("IamUser") == entity_type::user));
    BOOST_TEST((parse_entity_type("iamgroup") == entity_type::group));
    BOOST_TEST((parse_entity_type("IamPolicy") == entity_type::policy));
    BOOST_TEST(!parse_entity_type("Roles").has_value());
    BOOST_TEST(!parse_entity_type("").has_value());
}

BOOST_AUTO_TEST_SUITE_END()
