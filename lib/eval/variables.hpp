// SPDX-License-Identifier: Apache-2.0
// lib/eval/variables.hpp: policy-variable substitution into a stack buffer (library-private).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <iamguard/eval/request.hpp>

namespace iamguard::eval::detail {

/// A string builder that stays on the stack for short texts, so that substitution on the hot path
/// does not allocate. Longer texts spill to the heap.
class text_buffer {
public:
    void clear() noexcept { size_ = 0; heap_.clear(); on_heap_ = false; }
    void push_back(char c);
    void append(std::string_view s);
    [[nodiscard]] std::string_view view() const noexcept {
        return on_heap_ ? std::string_view(heap_) : std::string_view(inline_, size_);
    }

private:
    static constexpr std::size_t capacity = 512;
    char inline_[capacity];
    std::size_t size_ = 0;
    bool on_heap_ = false;
    std::string heap_;
};

/// How substituted text is written: `plain` for exact comparisons, `pattern` in escaped glob
/// syntax (policy text keeps its wildcards, substituted text is literal).
enum class subst_mode : unsigned char { plain, pattern };

/// Substitutes `${key}`, `${key, 'default'}`, `${*}`, `${?}` and `${$}` in `text` into `out`.
/// Returns false when a variable has no single value and no default (the value is unresolved).
/// An unterminated `${` is literal text.
bool substitute(std::string_view text, const request_context& ctx, subst_mode mode, text_buffer& out);

}  // namespace iamguard::eval::detail
