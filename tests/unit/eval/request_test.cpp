// SPDX-License-Identifier: Apache-2.0
#include <boost/test/unit_test.hpp>

#include <string>

#include <iamguard/eval/request.hpp>

using namespace iamguard::eval;

BOOST_AUTO_TEST_SUITE(request)

BOOST_AUTO_TEST_CASE(context_keys_are_case_insensitive_including_tag_keys) {
    request_context ctx{{"aws:PrincipalTag/Team", "red"}};
    const auto* v = ctx.find("AWS:principaltag/team");
    BOOST_TEST_REQUIRE(v != nullptr);
    BOOST_TEST(v->values.front() == "red");
    BOOST_TEST(!v->multi);
    BOOST_TEST(ctx.find("aws:PrincipalTag/Other") == nullptr);
}

BOOST_AUTO_TEST_CASE(setting_a_key_again_in_another_case_replaces_it) {
    request_context ctx;
    ctx.set("aws:username", "a");
    ctx.set("AWS:UserName", "b");
    BOOST_TEST(ctx.entries().size() == 1u);
    BOOST_TEST(ctx.find("aws:username")->values.front() == "b");
    ctx.erase("AWS:USERNAME");
    BOOST_TEST(ctx.empty());
}

BOOST_AUTO_TEST_CASE(lists_are_multivalued_even_with_one_element) {
    request_context ctx;
    ctx.set_list("aws:TagKeys", {"a"});
    BOOST_TEST(ctx.find("aws:tagkeys")->multi);
    ctx.set("k", context_value::list({}));
    BOOST_TEST(ctx.find("k")->multi);
    BOOST_TEST(ctx.find("k")->values.empty());
}

BOOST_AUTO_TEST_CASE(reserved_room_holds_the_keys_without_moving_them) {
    request_context ctx;
    ctx.reserve(8);
    BOOST_TEST(ctx.entries().capacity() >= 8u);
    ctx.set("k0", "v");
    const auto* first = ctx.entries().data();
    for (int i = 1; i < 8; ++i) ctx.set("k" + std::to_string(i), "v");
    BOOST_TEST(ctx.entries().size() == 8u);
    BOOST_TEST(ctx.entries().data() == first);
    BOOST_TEST(ctx.find("K7")->values.front() == "v");
}

BOOST_AUTO_TEST_CASE(principals_are_classified) {
    BOOST_TEST((describe_principal("").kind == principal_kind::anonymous));
    const auto root = describe_principal("arn:aws:iam::123456789012:root");
    BOOST_TEST((root.kind == principal_kind::account_root));
    BOOST_TEST(root.account == "123456789012");
    BOOST_TEST((describe_principal("arn:aws:iam::1:user/path/bob").kind == principal_kind::iam_user));
    const auto role = describe_principal("arn:aws:iam::1:role/team/Admin");
    BOOST_TEST((role.kind == principal_kind::iam_role));
    BOOST_TEST(role.role_name == "Admin");
    const auto s = describe_principal("arn:aws:sts::2:assumed-role/Admin/session");
    BOOST_TEST((s.kind == principal_kind::role_session));
    BOOST_TEST(s.role_name == "Admin");
    BOOST_TEST(s.account == "2");
    BOOST_TEST((describe_principal("arn:aws:sts::2:federated-user/bob").kind == principal_kind::federated_user));
    BOOST_TEST((describe_principal("arn:aws:s3:::b").kind == principal_kind::other_arn));
    const auto svc = describe_principal("ec2.amazonaws.com");
    BOOST_TEST((svc.kind == principal_kind::service));
    BOOST_TEST(svc.account.empty());
}

BOOST_AUTO_TEST_SUITE_END()
