// SPDX-License-Identifier: Apache-2.0
// readme_test.cpp: every `rule` example in dsl/README.md compiles, and gives the outcomes its
// `#> OUTCOME TYPE JSON` lines state (the README's examples are runnable by construction).
#include <sstream>

#include <boost/test/unit_test.hpp>

#include <iamguard/entity/entity.hpp>

#include "rules_support.hpp"
#include "test_paths.hpp"

namespace rules = iamguard::rules;

namespace {

struct example {
    std::string text;
    std::size_t line = 0;  // of the README, for messages
};

std::vector<example> examples() {
    const std::string doc = iamguard::test::read_file(iamguard::test::source_dir() / "dsl/README.md");
    std::vector<example> out;
    std::istringstream in(doc);
    std::string line;
    std::size_t n = 0;
    example* open = nullptr;
    while (std::getline(in, line)) {
        ++n;
        if (open == nullptr && line == "```rule") {
            out.push_back({"", n + 1});
            open = &out.back();
        } else if (open != nullptr && line == "```") {
            open = nullptr;
        } else if (open != nullptr) {
            open->text += line + "\n";
        }
    }
    return out;
}

/// The worst outcome of `findings`: fail, error, pass, or skip when there is none.
std::string summary(const std::vector<rules::finding>& findings) {
    if (findings.empty()) return "skip";
    std::string worst = "pass";
    for (const auto& f : findings) {
        if (f.result == rules::outcome::fail) return "fail";
        if (f.result == rules::outcome::error) worst = "error";
    }
    return worst;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rules_readme)

BOOST_AUTO_TEST_CASE(every_example_compiles_and_behaves_as_documented) {
    const auto all = examples();
    BOOST_TEST(all.size() >= 20u);
    std::size_t checks = 0;
    for (const auto& ex : all) {
        rules::compile_options o;
        o.syntax_only = ex.text.find("# syntax-only") != std::string::npos;
        const auto r = rules::compile(ex.text, "README.md", o);
        BOOST_TEST_REQUIRE(static_cast<bool>(r), "README.md line " << ex.line << ":\n" << iamguard::test::dump(r.diagnostics));
        std::istringstream in(ex.text);
        std::string line;
        while (std::getline(in, line)) {
            if (line.rfind("#> ", 0) != 0) continue;
            std::istringstream parts(line.substr(3));
            std::string expected, type;
            parts >> expected >> type;
            std::string json;
            std::getline(parts, json);
            std::vector<rules::finding> findings;
            if (type.rfind("List<", 0) == 0) {
                const auto t = iamguard::entity::parse_entity_type(type.substr(5, type.size() - 6));
                BOOST_TEST_REQUIRE(t.has_value(), line);
                auto parsed = iamguard::json::parse(json);
                BOOST_TEST_REQUIRE(parsed.ok, line);
                std::vector<iamguard::entity::entity> entities;
                for (auto& item : parsed.root.items) {
                    iamguard::entity::entity e;
                    e.type = *t;
                    e.fields = std::move(item);
                    entities.push_back(std::move(e));
                }
                r.rules->evaluate_aggregates(entities, iamguard::test::fixed_now(), findings);
            } else {
                const auto t = iamguard::entity::parse_entity_type(type);
                BOOST_TEST_REQUIRE(t.has_value(), line);
                const auto e = iamguard::test::make_entity(*t, "example", json);
                r.rules->evaluate(e, iamguard::test::fixed_now(), findings);
            }
            BOOST_TEST(summary(findings) == expected, "README.md line " << ex.line << ": " << line);
            ++checks;
        }
    }
    BOOST_TEST(checks >= 30u);
}

BOOST_AUTO_TEST_SUITE_END()
