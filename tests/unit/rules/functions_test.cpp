// SPDX-License-Identifier: Apache-2.0
// functions_test.cpp: dates, time units, and functions registered by a host (the mechanism the
// IAM-aware functions use): name lookup, argument and receiver checks, results and errors.
#include <boost/test/unit_test.hpp>

#include "rules_support.hpp"

namespace rules = iamguard::rules;
using iamguard::entity::entity_type;
using iamguard::entity::field_type;
using namespace std::chrono;

namespace {

/// A registry with the built-ins and `hasTag(key)`: true when a tags element has that key; and
/// `explode()`, which fails.
rules::function_registry host_registry() {
    auto reg = rules::function_registry::with_builtins();
    reg.add({{"hasTag", {field_type::list}, {rules::arg_kind::string}, 1, false, rules::result_kind::boolean,
              "a tag with this key exists"},
             [](const rules::call_context& cx, const rules::value_list& recv, std::span<const rules::value_list> args) {
                 rules::call_result r;
                 bool found = false;
                 for (const auto* list : recv)
                     for (const auto& item : list->items)
                         if (const auto* k = item.find("key"); k != nullptr && k->text == args[0].front()->text) found = true;
                 r.values.push_back(cx.arena->make_bool(found));
                 return r;
             }});
    reg.add({{"explode", {}, {}, 0, false, rules::result_kind::boolean, "always fails"},
             [](const rules::call_context&, const rules::value_list&, std::span<const rules::value_list>) {
                 rules::call_result r;
                 r.error = "no such luck";
                 return r;
             }});
    reg.add({{"subjectName", {}, {}, 0, false, rules::result_kind::string, "the entity's name"},
             [](const rules::call_context& cx, const rules::value_list&, std::span<const rules::value_list>) {
                 rules::call_result r;
                 r.values.push_back(cx.arena->make_string(cx.subject->name));
                 return r;
             }});
    return reg;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rules_functions)

BOOST_AUTO_TEST_CASE(iso_dates_with_zones) {
    const auto base = sys_days{year{2024} / 5 / 1};
    BOOST_TEST((rules::parse_date("2024-05-01") == base));
    BOOST_TEST((rules::parse_date("2024-05-01T00:00:00Z") == base));
    BOOST_TEST((rules::parse_date("2024-05-01T02:00:00+02:00") == base));
    BOOST_TEST((rules::parse_date("2024-04-30T22:00:00-0200") == base));
    BOOST_TEST((rules::parse_date("2024-05-01T00:00:00.250Z") == base + milliseconds{250}));
    BOOST_TEST(!rules::parse_date("2024-05-01T00:00:00").has_value());  // a time needs a zone
    BOOST_TEST(!rules::parse_date("N/A").has_value());
    BOOST_TEST(!rules::parse_date("2024-02-30").has_value());
    BOOST_TEST(!rules::parse_date("2024-05-01T25:00:00Z").has_value());
}

BOOST_AUTO_TEST_CASE(time_units_and_calendar_months) {
    const auto t = sys_days{year{2024} / 1 / 31} + hours{5};
    BOOST_TEST((rules::add_time(t, 1, "months") == sys_days{year{2024} / 2 / 29} + hours{5}));  // clamped
    BOOST_TEST((rules::add_time(t, -1, "year") == sys_days{year{2023} / 1 / 31} + hours{5}));
    BOOST_TEST((rules::add_time(t, -2, "days") == t - hours{48}));
    BOOST_TEST((rules::add_time(t, 90, "minutes") == t + minutes{90}));
    BOOST_TEST((rules::add_time(t, 1, "weeks") == t + days{7}));
    BOOST_TEST(!rules::add_time(t, 1, "fortnights").has_value());
    BOOST_TEST(rules::valid_time_unit("seconds"));
    BOOST_TEST(!rules::valid_time_unit("sec"));
}

BOOST_AUTO_TEST_CASE(builtins_are_registered_with_signatures) {
    const auto reg = rules::function_registry::with_builtins();
    for (const char* name : {"isEmpty", "length", "before", "after", "dateDifference"}) {
        const auto* f = reg.find(name);
        BOOST_TEST_REQUIRE(f != nullptr, name);
        BOOST_TEST(!f->signature.description.empty());
    }
    BOOST_TEST(reg.find("isempty") == nullptr);  // names are exact
}

BOOST_AUTO_TEST_CASE(host_functions_compile_check_and_run) {
    const auto reg = host_registry();
    rules::compile_options o;
    o.functions = &reg;
    const auto role = iamguard::test::make_entity(entity_type::role, "deploy",
                                                  R"({"name": "deploy", "tags": [{"key": "env", "value": "prod"}]})");
    BOOST_TEST(iamguard::test::verdict("Role should have tags hasTag('env')", role, o) == "pass");
    BOOST_TEST(iamguard::test::verdict("Role should have tags hasTag('owner')", role, o) == "fail");
    BOOST_TEST(iamguard::test::verdict("Role should have name subjectName() = 'deploy'", role, o) == "pass");
    // checks: unknown name, argument form, receiver type
    BOOST_TEST(iamguard::test::first_error("Role should have tags hasTags('env')", o) ==
               "1:23 R040 unknown function `hasTags`");
    BOOST_TEST(iamguard::test::first_error("Role should have tags hasTag(3)", o) ==
               "1:30 R041 argument 1 of `hasTag` must be a string, found a number");
    BOOST_TEST(iamguard::test::first_error("Role should have name hasTag('env')", o) ==
               "1:23 R042 `hasTag` cannot apply to `name`, which is a string");
    // without the host registry, the function is unknown
    BOOST_TEST(iamguard::test::first_error("Role should have tags hasTag('env')") == "1:23 R040 unknown function `hasTag`");
}

BOOST_AUTO_TEST_CASE(a_failing_function_makes_the_outcome_error) {
    const auto reg = host_registry();
    rules::compile_options o;
    o.functions = &reg;
    const auto rs = iamguard::test::compile_ok("Role should have name explode()", o);
    const auto f = iamguard::test::run_one(rs, iamguard::test::make_entity(entity_type::role, "r", R"({"name": "r"})"));
    BOOST_TEST_REQUIRE(f.has_value());
    BOOST_TEST((f->result == rules::outcome::error));
    BOOST_TEST(f->message == "cannot evaluate on `r`: `explode`: no such luck");
}

BOOST_AUTO_TEST_SUITE_END()

// The arena behind computed values: booleans are two shared constants (no node per answer),
// other nodes keep their address until clear().
BOOST_AUTO_TEST_CASE(value_arena_booleans_are_shared_constants_and_other_nodes_stay_put) {
    rules::value_arena a, b;
    const auto* t = a.make_bool(true);
    const auto* f = a.make_bool(false);
    BOOST_TEST(t->is_bool());
    BOOST_TEST(t->boolean);
    BOOST_TEST(f->is_bool());
    BOOST_TEST(!f->boolean);
    BOOST_TEST(b.make_bool(true) == t);  // the same constant in every arena
    BOOST_TEST(b.make_bool(false) == f);
    const auto* n = a.make_number(3);
    BOOST_TEST(n->is_number());
    BOOST_TEST(n->text == "3");
    std::vector<const iamguard::json::value*> made;
    for (int i = 0; i < 100; ++i) made.push_back(a.make_string("s" + std::to_string(i)));
    BOOST_TEST(n->text == "3");  // still there after the arena grew
    for (int i = 0; i < 100; ++i) BOOST_TEST(made[static_cast<std::size_t>(i)]->text == "s" + std::to_string(i));
    a.clear();
    BOOST_TEST(a.make_bool(true) == t);  // constants survive clear()
    BOOST_TEST(a.make_string("again")->text == "again");
}
