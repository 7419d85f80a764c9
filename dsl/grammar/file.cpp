// SPDX-License-Identifier: Apache-2.0
// dsl/grammar/file.cpp: INSTANTIATE `logic` and `rule_block`, and the parse entry points.
#include "entry.hpp"
#include "file_def.hpp"

namespace iamguard::dsl {

namespace grammar {
BOOST_SPIRIT_INSTANTIATE(logic_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(rule_block_type, iterator_type, context_type)
}  // namespace grammar

namespace {

template <class Rule, class Attr>
bool run(const Rule& rule, const char* origin, const char* first, const char* last, Attr& out, const char*& stop,
         std::vector<pt::syntax_error>& errors) noexcept {
    grammar::parse_state st;
    st.origin = origin;
    stop = first;
    try {
        const bool ok = grammar::x3::phrase_parse(stop, last, grammar::x3::with<grammar::state_tag>(st)[rule],
                                                  grammar::skipper, out);
        errors = std::move(st.errors);
        return ok && errors.empty();
    } catch (const grammar::x3::expectation_failure<grammar::iterator_type>& f) {
        // Boost 1.74 throws on a failed `>` that no on_error handler caught: the one place to catch it.
        errors = std::move(st.errors);
        if (errors.empty()) errors.push_back({static_cast<std::uint32_t>(f.where() - origin), f.which()});
    } catch (const std::exception&) {
        errors = std::move(st.errors);
        errors.push_back({static_cast<std::uint32_t>(stop - origin), "resources to parse this rule"});
    }
    return false;
}

}  // namespace

bool parse_logic(const char* origin, const char* first, const char* last, pt::logic& out, const char*& stop,
                 std::vector<pt::syntax_error>& errors) noexcept {
    return run(grammar::logic, origin, first, last, out, stop, errors);
}

bool parse_rule_block(const char* origin, const char* first, const char* last, pt::rule_block& out,
                      const char*& stop, std::vector<pt::syntax_error>& errors) noexcept {
    return run(grammar::rule_block, origin, first, last, out, stop, errors);
}

}  // namespace iamguard::dsl
