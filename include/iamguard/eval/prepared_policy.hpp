// SPDX-License-Identifier: Apache-2.0
// eval/prepared_policy.hpp: a policy compiled once for fast, repeated evaluation.
//
// Preparing lowercases and interns condition keys, classifies principals, parses the constant
// condition values (dates, CIDRs, base64) and notes which patterns need policy-variable
// substitution. The result is immutable: evaluate it from any number of threads.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <iamguard/policy/ast.hpp>

namespace iamguard::eval {

namespace detail {
struct compiled_policy;
}

/// An immutable, evaluation-ready policy. Copying shares the compiled form (a reference count).
/// Thread safety: every member is const and may be used concurrently.
class prepared_policy {
public:
    /// Compiles `doc`. `name` labels the policy in traces (e.g. a file name or policy ARN).
    /// Invalid parts fail closed at evaluation instead of throwing: a statement without a valid
    /// Effect or Action never applies; an unknown condition operator makes its clause false; an
    /// unparseable constant (date, CIDR, base64, number) never matches.
    /// Errors: std::bad_alloc only. Complexity: linear in the size of the document.
    /// The compiled form keeps a copy of `doc`.
    explicit prepared_policy(const policy::document& doc, std::string name = {});

    /// Compiles the shared `doc` without copying it: the compiled form refers to its strings and
    /// holds `doc` (it must not be changed afterwards, which `const` promises to the compiler, not
    /// to other holders of a non-const pointer). As the constructor above otherwise.
    /// Errors: std::invalid_argument when `doc` is null; std::bad_alloc.
    explicit prepared_policy(std::shared_ptr<const policy::document> doc, std::string name = {});

    /// The label given at construction.
    [[nodiscard]] const std::string& name() const noexcept;
    /// The policy language version (variables are substituted only under 2012-10-17).
    [[nodiscard]] policy::version version() const noexcept;
    /// Number of statements.
    [[nodiscard]] std::size_t statement_count() const noexcept;
    /// The Sid of statement `i`, or empty.
    [[nodiscard]] std::string_view sid(std::size_t i) const noexcept;
    /// The Effect of statement `i` (Deny when it was missing or invalid: such statements never apply).
    [[nodiscard]] policy::effect effect(std::size_t i) const noexcept;
    /// Number of condition clauses of statement `i`.
    [[nodiscard]] std::size_t clause_count(std::size_t i) const noexcept;
    /// A one-line rendering of clause `c` of statement `i`, e.g. `StringEquals sts:ExternalId ["x"]`.
    [[nodiscard]] std::string clause_text(std::size_t i, std::size_t c) const;

    /// The compiled form (library-internal layout).
    [[nodiscard]] const detail::compiled_policy& compiled() const noexcept { return *impl_; }

private:
    std::shared_ptr<const detail::compiled_policy> impl_;
};

}  // namespace iamguard::eval
