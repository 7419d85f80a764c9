// SPDX-License-Identifier: Apache-2.0
// load.cpp: the load() entry points: choosing the adapter, splitting JSON streams, joining.
#include <iamguard/entity/load.hpp>

#include <algorithm>
#include <fstream>
#include <memory>
#include <numeric>
#include <string>
#include <system_error>

#include "entity/detail.hpp"
#include "entity/pieces.hpp"
#include "entity/scan.hpp"

namespace iamguard::entity {

namespace {

using detail::loader;

std::string format_list() {
    return "authorization-details, get-role, list-roles, credential-report, credential-report-response, "
           "cloudformation, cloudformation-yaml, terraform-plan, account-settings, canonical";
}

void dispatch_json(loader& ld, input_format fmt, json::value& root, const std::string& path) {
    if (fmt == input_format::authorization_details && root.is_array()) {
        for (std::size_t i = 0; i < root.items.size(); ++i) {
            if (ld.skip_incomplete(root.items[i], "page " + std::to_string(i), path)) continue;
            dispatch_json(ld, fmt, root.items[i], path + "[" + std::to_string(i) + "]");
        }
        return;
    }
    if (fmt == input_format::canonical && root.is_array()) {
        for (std::size_t i = 0; i < root.items.size(); ++i)
            detail::read_canonical_entity(ld, root.items[i], path + "[" + std::to_string(i) + "]");
        return;
    }
    if (!root.is_object()) {
        if (!ld.incomplete.count(&root) || !root.is_null())
            ld.report(severity::error, codes::wrong_type,
                      "expected a JSON object for " + std::string(to_string(fmt)) + " input, found " +
                          std::string(json::to_string(root.type)),
                      root.pos, path);
        return;
    }
    switch (fmt) {
        case input_format::authorization_details: detail::read_authorization_details(ld, root, path); break;
        case input_format::get_role: detail::read_get_role(ld, root); break;
        case input_format::list_roles: detail::read_list_roles(ld, root); break;
        case input_format::credential_report_response: detail::read_credential_report_response(ld, root); break;
        case input_format::cloudformation_json: detail::read_cloudformation(ld, root); break;
        case input_format::terraform_plan: detail::read_terraform_plan(ld, root); break;
        case input_format::account_settings: detail::read_account_settings(ld, root); break;
        case input_format::canonical: {
            if (json::value* list = root.find("entities")) {
                if (!list->is_array()) {
                    ld.report(severity::error, codes::wrong_type,
                              "expected a list for `entities`, found " + std::string(json::to_string(list->type)),
                              list->pos, "entities");
                    break;
                }
                for (std::size_t i = 0; i < list->items.size(); ++i) {
                    if (ld.skip_incomplete(list->items[i], "entity " + std::to_string(i), "entities")) continue;
                    detail::read_canonical_entity(ld, list->items[i], "entities[" + std::to_string(i) + "]");
                }
            } else {
                if (ld.skip_incomplete(root, "the entity", path)) break;
                detail::read_canonical_entity(ld, root, path);
            }
            break;
        }
        default: break;
    }
}

/// The position of byte `target` given the position `from` of an earlier byte: linear in the
/// distance only, so reading a long JSON Lines input stays linear.
source_pos advance(std::string_view text, source_pos from, std::size_t target) {
    for (std::size_t i = from.offset; i < target && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++from.line;
            from.column = 1;
        } else {
            ++from.column;
        }
    }
    from.offset = static_cast<std::uint32_t>(target);
    return from;
}

/// Parses the JSON value in text[begin, end) with positions relative to the whole text; `base`
/// is the position of `begin`.
json::parse_result parse_slice(loader& ld, std::size_t begin, std::size_t end, source_pos base) {
    auto r = json::parse(ld.text.substr(begin, end - begin), ld.opts.json);
    if (begin != 0) detail::shift_positions(r.root, base);
    for (auto& d : r.diagnostics) {
        d.pos = detail::shift(d.pos, base);
        d.file = ld.file;
        ld.diags.push_back(d);  // a copy: the caller reads r.diagnostics too
    }
    return r;
}

void read_json_stream(loader& ld, input_format fmt) {
    const std::string_view text = ld.text;
    std::size_t at = detail::skip_space(text, 0);
    if (at >= text.size()) {
        ld.report(severity::error, json::codes::empty_input, "the input is empty", detail::pos_at(text, at));
        return;
    }
    // JSON Lines: when the first line holds a whole value and more follows, each line is read on
    // its own, so a broken line does not hide the lines after it.
    const std::size_t first_nl = text.find('\n', at);
    const bool lines = fmt == input_format::canonical && first_nl != std::string_view::npos &&
                       detail::skip_value(text, at, first_nl + 1) <= first_nl &&
                       detail::skip_space(text, first_nl) < text.size();
    std::size_t index = 0;
    source_pos here;  // position of `at`, advanced incrementally
    here.offset = 0;
    while (at < text.size()) {
        std::size_t end = text.size();
        if (lines) {
            end = text.find('\n', at);
            if (end == std::string_view::npos) end = text.size();
        }
        const std::size_t diags_before = ld.diags.size();
        here = advance(text, here, at);
        auto r = parse_slice(ld, at, end, here);
        if (!lines && !r.ok && !r.diagnostics.empty()) {
            // Several values one after the other (pages of a dump written as a JSON stream): the
            // parser stops after the first complete value and says so; read it, then the next.
            const diagnostic& last = r.diagnostics.back();
            if (last.code == json::codes::syntax &&
                last.message.rfind("expected end of input after the JSON value", 0) == 0) {
                end = last.pos.offset;  // positions are already relative to the whole text
                ld.diags.resize(diags_before);
                r = parse_slice(ld, at, end, here);
            }
        }
        ld.incomplete.clear();
        if (!r.ok) ld.mark_incomplete(r.root);
        const std::string path = index == 0 ? std::string() : "[value " + std::to_string(index) + "]";
        if (!(r.root.is_null() && !r.ok)) dispatch_json(ld, fmt, r.root, lines ? std::string() : path);
        ++index;
        if (!lines && !r.ok) break;  // the rest cannot be told apart from the broken value
        at = detail::skip_space(text, end);
    }
    ld.incomplete.clear();
}

void read_text(loader& ld, const input& in) {
    ld.file = std::string(in.name);
    ld.text = in.text;
    ld.incomplete.clear();
    std::optional<input_format> fmt = ld.opts.format ? ld.opts.format : detect_format(in.text);
    if (!fmt) {
        // JSON whose shape was not recognised: a syntax error or an exceeded limit (depth, size)
        // explains it better than "unknown format", so report that when there is one.
        const std::size_t start = detail::skip_space(in.text, 0);
        if (start >= in.text.size()) {  // nothing but white space: say so, not "what kind is this"
            ld.report(severity::error, json::codes::empty_input, "the input is empty", detail::pos_at(in.text, start));
            return;
        }
        if (in.text[start] == '{' || in.text[start] == '[') {
            json::parse_result j = json::parse(in.text, ld.opts.json);
            if (!j.ok) {
                for (auto& d : j.diagnostics) {
                    d.file = ld.file;
                    ld.diags.push_back(std::move(d));
                }
                return;
            }
        }
        ld.report(severity::error, codes::unknown_format, "cannot tell what kind of input this is",
                  detail::pos_at(in.text, detail::skip_space(in.text, 0)), {},
                  "name the format explicitly (" + format_list() + ")");
        return;
    }
    switch (*fmt) {
        case input_format::credential_report_csv: detail::read_credential_report_csv(ld, in.text); break;
        case input_format::cloudformation_yaml: {
            json::value root;
            if (detail::yaml_to_json(ld, in.text, root)) detail::read_cloudformation(ld, root);
            break;
        }
        default: read_json_stream(ld, *fmt); break;
    }
}

// Reads input `in` into `ld`. An input given by `read` is read into `buffer` first (the caller's,
// reused for its next input: nothing loaded refers to the text, which is copied where kept).
void read_one(loader& ld, const input& in, std::string& buffer) {
    if (!in.read) {
        read_text(ld, in);
        return;
    }
    std::string why;
    if (!in.read(buffer, why)) {
        ld.file = std::string(in.name);
        ld.text = {};
        source_pos nowhere;
        nowhere.line = 0;  // the whole input: no line to point at
        nowhere.column = 0;
        ld.report(severity::error, codes::unreadable, std::move(why), nowhere);
        return;
    }
    read_text(ld, input{in.name, std::string_view(buffer)});
    ld.text = {};
}

}  // namespace

std::size_t load_result::count(entity_type t) const noexcept {
    std::size_t n = 0;
    for (const auto& e : entities)
        if (e.type == t) ++n;
    return n;
}

namespace {

// Reads every input with a loader of its own on up to `workers` threads (this one included),
// then appends the parts in input order: entities and diagnostics come out as a sequential read
// gives them. The joins need every input, so they wait for all of them (in finish()).
void read_in_parallel(loader& ld, const std::vector<input>& inputs, unsigned workers) {
    std::vector<std::unique_ptr<loader>> parts(inputs.size());
    // Largest inputs first, so that the threads end together, the last pieces taken being the
    // smallest. Pages of a dump differ in size (3 of the 13 pages of a generated 10^4-role dump
    // are a third the size of the others); in input order one thread could be left with a whole
    // page after the other had finished: on two threads the readers ended 1-17 ms apart (median
    // 6), largest first 1-6 ms (median 4), of a 100 ms read (bench/HISTORY.md).
    // Largest first also lets a thread's text buffer (inputs given by `read`) keep the size of
    // its first input: the next ones fit without a new block of fresh memory.
    const auto size = [](const input& in) -> std::uint64_t { return in.read ? in.size : in.text.size(); };
    std::vector<std::size_t> order(inputs.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return size(inputs[a]) > size(inputs[b]); });
    std::vector<std::string> buffers(workers);  // one per thread: run_pieces says which
    detail::run_pieces(inputs.size(), workers, [&](std::size_t k, unsigned worker) {
        const std::size_t i = order[k];
        auto part = std::make_unique<loader>(ld.opts);
        read_one(*part, inputs[i], buffers[worker]);
        part->parse_new_policies();
        parts[i] = std::move(part);
    });
    buffers = {};  // before the merges and joins: they take fresh memory of their own
    std::size_t total = 0;
    for (const auto& part : parts) total += part->entities.size();
    // each entity moved once, with room for the Account entities the joins add (one per account)
    ld.entities.reserve(total + total / 16 + 16);
    for (auto& part : parts) {
        ld.absorb(std::move(*part));
        part.reset();
    }
}

}  // namespace

load_result load(const std::vector<input>& inputs, const load_options& opts) {
    loader ld(opts);
    if (const unsigned workers = detail::piece_workers(opts.threads, inputs.size()); workers > 1) {
        read_in_parallel(ld, inputs, workers);
    } else {
        std::string buffer;
        for (const auto& in : inputs) {
            read_one(ld, in, buffer);
            ld.parse_new_policies();
        }
    }
    ld.finish();
    return {std::move(ld.entities), std::move(ld.diags)};
}

load_result load(std::string_view text, std::string_view file_name, const load_options& opts) {
    return load(std::vector<input>{{file_name, text}}, opts);
}

namespace {

// Reads `path` into `text` (replacing its contents, reusing its block when large enough), or
// says why it cannot in `why`.
bool read_file(const std::filesystem::path& path, std::string& text, std::string& why) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        why = "cannot read `" + path.string() + "`: it is a directory";
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        why = "cannot read `" + path.string() + "`: it cannot be opened";
        return false;
    }
    // Read straight into `text`, sized from the file's size (one byte more, so that the end of
    // the file is seen by the first read); a file that grows meanwhile doubles it.
    const std::uintmax_t expected = std::filesystem::file_size(path, ec);
    text.resize(ec ? std::size_t{1} << 16 : static_cast<std::size_t>(expected) + 1);
    std::size_t have = 0;
    for (;;) {
        in.read(text.data() + have, static_cast<std::streamsize>(text.size() - have));
        have += static_cast<std::size_t>(in.gcount());
        if (!in) break;  // the end of the file, or an error
        text.resize(text.size() * 2);
    }
    text.resize(have);
    if (in.bad()) {
        why = "cannot read `" + path.string() + "`: read error";
        return false;
    }
    return true;
}

}  // namespace

load_result load_files(const std::vector<std::filesystem::path>& files, const load_options& opts) {
    std::vector<std::string> names;
    names.reserve(files.size());
    for (const auto& f : files) names.push_back(f.string());
    std::vector<input> inputs;
    inputs.reserve(files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        std::error_code ec;
        const std::uintmax_t bytes = std::filesystem::file_size(files[i], ec);
        inputs.emplace_back(names[i], [&path = files[i]](std::string& text, std::string& why) { return read_file(path, text, why); },
                            ec ? 0 : static_cast<std::uint64_t>(bytes));
    }
    return load(inputs, opts);
}

}  // namespace iamguard::entity
