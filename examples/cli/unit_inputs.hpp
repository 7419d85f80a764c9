// SPDX-License-Identifier: Apache-2.0
// unit_inputs.hpp: the inputs of one unit (account_units.hpp) as entity::load() takes them, each
// file read by the thread that parses it, and their texts read again for the diagnostics.
//
// Why: an account's pages are loaded together, and the texts of all of them held at once were as
// much as a tenth of a scan's memory (the 10^4-role pages: 16 MB of 156 MB), read one after the
// other before the parse could start. Read by the loading threads into buffers they reuse, one
// text per thread is held, and the reading is done in parallel. Diagnostics quote their source
// line, so the inputs that have some are read again (they are few; texts are large).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <iamguard/entity/load.hpp>

namespace iamguard::cli {

/// An input of a unit, before it is loaded.
struct unit_input {
    std::string name;  ///< as reported (display_name(): "<stdin>" for standard input)
    std::string path;  ///< "-" for standard input
    std::string text;  ///< standard input's, read before (it cannot be read twice); else empty
};

/// `inputs` as entity::load() takes them: standard input by its text, files by a reader that
/// reads them with read_input_into() (its message without the leading `PATH: `, since the
/// diagnostic names the input) and their sizes. The result refers to `inputs`, which must
/// outlive it.
std::vector<entity::input> load_inputs(const std::vector<unit_input>& inputs);

/// The texts of a unit's inputs, for quoting their lines under diagnostics: each read again
/// (standard input's kept) the first time it is asked for, empty when it cannot be read.
/// Not thread-safe (one per unit, used by the thread that reports its diagnostics).
class quoted_sources {
public:
    /// Refers to `inputs`, which must outlive it.
    explicit quoted_sources(const std::vector<unit_input>& inputs) : inputs_(inputs) {}
    /// The text of the input named `name` (empty for an unknown name or an unreadable file).
    std::string_view text_of(const std::string& name);

private:
    const std::vector<unit_input>& inputs_;
    std::map<std::string, std::string, std::less<>> texts_;
};

/// True for the diagnostic load() gives an input that cannot be read (L001 at line 0), which is
/// reported as `COMMAND: NAME: REASON` rather than quoted.
bool is_unreadable_input(const diagnostic& d);

}  // namespace iamguard::cli
