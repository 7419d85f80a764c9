// SPDX-License-Identifier: Apache-2.0
// eval_util.hpp: helpers for the evaluator tests: policies from JSON text, one-clause conditions.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include <iamguard/eval/evaluate.hpp>
#include <iamguard/policy/parse.hpp>

namespace iamguard::test {

/// Parses `json` (must yield a document).
inline policy::document parse_doc(std::string_view json) {
    policy::parse_options o;
    o.lenient_principal_string = true;
    auto r = policy::parse(json, o);
    if (!r.doc) throw std::runtime_error("test policy did not parse: " + std::string(json));
    return std::move(*r.doc);
}

/// Parses `json` (must yield a document) and prepares it.
inline eval::prepared_policy prepare(std::string_view json, std::string name = "p") {
    return eval::prepared_policy(parse_doc(json), std::move(name));
}

/// A 2012-10-17 policy with one Allow statement on every action and resource and `condition`
/// (a JSON object) as its Condition block.
inline eval::prepared_policy condition_policy(std::string_view condition, std::string_view version = "2012-10-17") {
    std::string doc = "{";
    if (!version.empty()) doc += "\"Version\":\"" + std::string(version) + "\",";
    doc += R"("Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":)";
    doc += condition;
    doc += "}}";
    return prepare(doc);
}

/// Does the Condition block `condition` hold for `ctx`?
inline bool holds(std::string_view condition, const eval::request_context& ctx) {
    const auto p = condition_policy(condition);
    return eval::conditions_hold(p, 0, ctx);
}

}  // namespace iamguard::test
