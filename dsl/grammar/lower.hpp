// SPDX-License-Identifier: Apache-2.0
// dsl/grammar/lower.hpp: parse tree -> rules::ast, and byte offsets -> line/column.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <iamguard/diagnostic.hpp>
#include <iamguard/rules/ast.hpp>
#include <iamguard/rules/compile.hpp>

#include "parse_tree.hpp"

namespace iamguard::dsl {

/// Line starts of a text, for O(log n) offset -> line/column (locate() is linear).
class line_index {
public:
    explicit line_index(std::string_view text);
    [[nodiscard]] source_pos at(std::uint32_t offset) const noexcept;

private:
    std::vector<std::uint32_t> starts_;
    std::uint32_t size_ = 0;
};

/// What lowering needs: the text (for `rule_info::logic`), positions, and where to report.
struct lower_context {
    std::string_view source;
    const line_index* lines = nullptr;
    std::string file;
    const rules::limits* limit = nullptr;
    std::vector<diagnostic>* diagnostics = nullptr;

    [[nodiscard]] rules::ast::span span_of(std::uint32_t begin, std::uint32_t end) const noexcept;
    void error(std::string_view code, std::uint32_t begin, std::uint32_t end, std::string message,
               std::string help = {}) const;
    void warning(std::string_view code, std::uint32_t begin, std::uint32_t end, std::string message,
                 std::string help = {}) const;
};

/// Lowers one rule's logic. Never fails: the grammar already checked the shape; what the AST
/// cannot hold (too many `not`s) is reported through `cx` and simplified.
[[nodiscard]] rules::ast::logic lower_logic(const pt::logic& tree, const lower_context& cx);

/// Lowers a rule block: metadata, parameters and logic. Returns nullopt (with diagnostics) when
/// the block lacks logic; metadata errors are reported and the rule is still returned.
[[nodiscard]] std::optional<rules::ast::rule_def> lower_block(const pt::rule_block& tree, const lower_context& cx);

/// Closest of `candidates` to `word` when close enough to be a typo; empty otherwise.
[[nodiscard]] std::string closest(std::string_view word, const std::vector<std::string_view>& candidates);

}  // namespace iamguard::dsl
