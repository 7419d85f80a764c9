// SPDX-License-Identifier: Apache-2.0
// json/parser.cpp: a recursive-descent JSON parser that keeps positions and reports duplicates.
//
// Why not nlohmann: it neither exposes positions to its SAX callbacks nor reports duplicate keys,
// and both are required by IAM (iam-semantics.md §1.1). The parser tracks the line number as it
// skips whitespace (the only place a raw newline may occur), so every position costs O(1).
#include <iamguard/json/value.hpp>

#include <algorithm>
#include <numeric>

#include "string_bytes.hpp"

namespace iamguard::json {
namespace {

class parser {
public:
    parser(std::string_view text, const parse_options& opts, std::vector<diagnostic>& diags)
        : text_(text), opts_(opts), diags_(diags) {}

    bool run(value& root) {
        if (text_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;  // tolerate a UTF-8 byte order mark
        skip_ws();
        if (at_end()) {
            fail(codes::empty_input, "expected a JSON value, found end of input", "the input is empty");
            return false;
        }
        if (!parse_value(root, 0)) return false;
        skip_ws();
        if (!at_end()) {
            fail(codes::syntax, "expected end of input after the JSON value, found " + describe_here());
            return false;
        }
        return true;
    }

private:
    std::string_view text_;
    const parse_options& opts_;
    std::vector<diagnostic>& diags_;
    std::size_t i_ = 0;
    std::uint32_t line_ = 1;
    std::size_t line_start_ = 0;
    std::vector<value> item_stack_;     // children of the arrays being parsed (see move_range)
    std::vector<member> member_stack_;  // members of the objects being parsed
    std::string scratch_;               // the string being decoded (parse_string)

    [[nodiscard]] bool at_end() const noexcept { return i_ >= text_.size(); }

    [[nodiscard]] source_pos here() const noexcept {
        return {static_cast<std::uint32_t>(i_), line_, static_cast<std::uint32_t>(i_ - line_start_ + 1)};
    }

    void skip_ws() noexcept {
        while (i_ < text_.size()) {
            const char c = text_[i_];
            if (c == ' ' || c == '\t' || c == '\r') {
                ++i_;
            } else if (c == '\n') {
                ++i_;
                ++line_;
                line_start_ = i_;
            } else {
                break;
            }
        }
    }

    std::string describe_here() const {
        if (at_end()) return "end of input";
        const auto c = static_cast<unsigned char>(text_[i_]);
        if (c < 0x20 || c >= 0x7f) {
            static constexpr char hex[] = "0123456789abcdef";
            return std::string("byte 0x") + hex[c >> 4] + hex[c & 15];
        }
        return std::string("`") + static_cast<char>(c) + "`";
    }

    bool fail(std::string_view code, std::string message, std::string help = {}) {
        return fail_at(here(), code, std::move(message), std::move(help));
    }

    bool fail_at(source_pos pos, std::string_view code, std::string message, std::string help = {}) {
        diagnostic d;
        d.level = severity::error;
        d.code = std::string(code);
        d.message = std::move(message);
        d.help = std::move(help);
        d.pos = pos;
        diags_.push_back(std::move(d));
        return false;
    }

    bool parse_value(value& out, std::uint32_t depth) {
        out.pos = here();
        switch (text_[i_]) {
            case '{': return parse_object(out, depth + 1);
            case '[': return parse_array(out, depth + 1);
            case '"': out.type = kind::string; return parse_string(out.text);
            case 't': return parse_literal(out, "true", kind::boolean, true);
            case 'f': return parse_literal(out, "false", kind::boolean, false);
            case 'n': return parse_literal(out, "null", kind::null, false);
            default:
                if (text_[i_] == '-' || (text_[i_] >= '0' && text_[i_] <= '9')) return parse_number(out);
                return fail(codes::syntax, "expected a JSON value, found " + describe_here());
        }
    }

    bool parse_literal(value& out, std::string_view word, kind k, bool b) {
        if (text_.substr(i_, word.size()) != word) {
            return fail(codes::syntax, "expected a JSON value, found " + describe_here(),
                        std::string("did you mean `") + std::string(word) + "`?");
        }
        i_ += word.size();
        out.type = k;
        out.boolean = b;
        return true;
    }

    bool parse_number(value& out) {
        const std::size_t start = i_;
        auto digit = [&](std::size_t j) { return j < text_.size() && text_[j] >= '0' && text_[j] <= '9'; };
        if (text_[i_] == '-') ++i_;
        if (!digit(i_)) return fail(codes::syntax, "expected a digit, found " + describe_here());
        if (text_[i_] == '0') {
            ++i_;
        } else {
            while (digit(i_)) ++i_;
        }
        if (i_ < text_.size() && text_[i_] == '.') {
            ++i_;
            if (!digit(i_)) return fail(codes::syntax, "expected a digit after `.`, found " + describe_here());
            while (digit(i_)) ++i_;
        }
        if (i_ < text_.size() && (text_[i_] == 'e' || text_[i_] == 'E')) {
            ++i_;
            if (i_ < text_.size() && (text_[i_] == '+' || text_[i_] == '-')) ++i_;
            if (!digit(i_)) return fail(codes::syntax, "expected a digit in the exponent, found " + describe_here());
            while (digit(i_)) ++i_;
        }
        out.type = kind::number;
        out.text.assign(text_.data() + start, i_ - start);
        return true;
    }

    static int hex_value(char c) noexcept {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    bool read_hex4(unsigned& cp) {
        if (text_.size() - i_ < 4) return fail(codes::syntax, "expected four hex digits after `\\u`, found end of input");
        cp = 0;
        for (int k = 0; k < 4; ++k) {
            const int h = hex_value(text_[i_]);
            if (h < 0) return fail(codes::syntax, "expected a hex digit in `\\u` escape, found " + describe_here());
            cp = cp * 16 + static_cast<unsigned>(h);
            ++i_;
        }
        return true;
    }

    static void append_utf8(std::string& out, unsigned cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    // Length of the UTF-8 sequence at i_ (1..4), or 0 when it is not valid UTF-8.
    [[nodiscard]] std::size_t utf8_length() const noexcept {
        const auto b0 = static_cast<unsigned char>(text_[i_]);
        auto cont = [&](std::size_t k) {
            return i_ + k < text_.size() && (static_cast<unsigned char>(text_[i_ + k]) & 0xC0) == 0x80;
        };
        if (b0 < 0x80) return 1;
        if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
        if (b0 >= 0xE0 && b0 <= 0xEF) {
            if (!cont(1) || !cont(2)) return 0;
            const auto b1 = static_cast<unsigned char>(text_[i_ + 1]);
            if (b0 == 0xE0 && b1 < 0xA0) return 0;   // overlong
            if (b0 == 0xED && b1 >= 0xA0) return 0;  // surrogate
            return 3;
        }
        if (b0 >= 0xF0 && b0 <= 0xF4) {
            if (!cont(1) || !cont(2) || !cont(3)) return 0;
            const auto b1 = static_cast<unsigned char>(text_[i_ + 1]);
            if (b0 == 0xF0 && b1 < 0x90) return 0;
            if (b0 == 0xF4 && b1 >= 0x90) return 0;
            return 4;
        }
        return 0;
    }

    // A string into its compact form. Most strings (keys, actions, ARNs) are plain ASCII up to
    // their closing quote: copied straight from the text. The others are decoded into a buffer
    // reused across strings, then copied once (json::compact_string reallocates on every append).
    bool parse_string(compact_string& out) {
        const std::size_t start = i_ + 1;  // past the opening quote
        const std::size_t end = detail::plain_run_end(text_, start);
        if (end < text_.size() && text_[end] == '"' && end - start <= opts_.max_string) {
            out.assign(text_.data() + start, end - start);
            i_ = end + 1;
            return true;
        }
        scratch_.clear();
        const bool ok = parse_string_bytes(scratch_);
        out.assign(scratch_.data(), scratch_.size());
        return ok;
    }

    bool parse_string_bytes(std::string& out) {
        const source_pos open = here();
        ++i_;  // opening quote
        for (;;) {
            // Fast path: copy a run of plain ASCII in one go.
            const std::size_t run = i_;
            i_ = detail::plain_run_end(text_, i_);
            out.append(text_.data() + run, i_ - run);
            if (out.size() > opts_.max_string) {
                return fail_at(open, codes::string_too_long,
                               "string longer than the limit of " + std::to_string(opts_.max_string) + " bytes",
                               "raise parse_options::max_string if such values are legitimate");
            }
            if (at_end()) {
                return fail_at(open, codes::syntax, "unterminated string: expected `\"` before end of input",
                               "the string starts here");
            }
            const auto c = static_cast<unsigned char>(text_[i_]);
            if (c == '"') {
                ++i_;
                return true;
            }
            if (c == '\\') {
                ++i_;
                if (at_end()) return fail(codes::syntax, "expected an escape character after `\\`, found end of input");
                const char e = text_[i_++];
                switch (e) {
                    case '"': out += '"'; break;
                    case '\\': out += '\\'; break;
                    case '/': out += '/'; break;
                    case 'b': out += '\b'; break;
                    case 'f': out += '\f'; break;
                    case 'n': out += '\n'; break;
                    case 'r': out += '\r'; break;
                    case 't': out += '\t'; break;
                    case 'u': {
                        unsigned cp = 0;
                        if (!read_hex4(cp)) return false;
                        if (cp >= 0xD800 && cp <= 0xDBFF) {
                            if (text_.substr(i_, 2) != "\\u")
                                return fail(codes::invalid_utf8, "expected a low surrogate `\\uDC00`..`\\uDFFF` after a high surrogate");
                            i_ += 2;
                            unsigned lo = 0;
                            if (!read_hex4(lo)) return false;
                            if (lo < 0xDC00 || lo > 0xDFFF)
                                return fail(codes::invalid_utf8, "expected a low surrogate `\\uDC00`..`\\uDFFF` after a high surrogate");
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                            return fail(codes::invalid_utf8, "unpaired low surrogate in `\\u` escape");
                        }
                        append_utf8(out, cp);
                        break;
                    }
                    default:
                        --i_;
                        return fail(codes::syntax, "invalid escape `\\" + std::string(1, e) + "` in string",
                                    "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
                }
                continue;
            }
            if (c < 0x20) {
                return fail(codes::syntax, c == '\n' ? "unterminated string: expected `\"` before end of line"
                                                     : "control character in string; expected it escaped",
                            c == '\n' ? "the string starts at line " + std::to_string(open.line) + ", column " +
                                            std::to_string(open.column)
                                      : std::string{});
            }
            const std::size_t n = utf8_length();
            if (n == 0) return fail(codes::invalid_utf8, "invalid UTF-8 in string", "JSON text must be UTF-8");
            out.append(text_.data() + i_, n);
            i_ += n;
        }
    }

    // Children are parsed onto a stack shared by all levels and moved into their container once
    // it is complete, so that each array and object allocates exactly once (growing them element
    // by element cost a reallocation and a move of every element at each doubling). A child is
    // parsed into a local first: parsing it may grow the stack. The partial tree of a syntax error
    // is kept too: the entity loader reports what an error cut short.
    template <class T>
    static void move_range(std::vector<T>& stack, std::size_t first, cow_vector<T>& out) {
        out.reserve(stack.size() - first);
        for (std::size_t k = first; k < stack.size(); ++k) out.push_back(std::move(stack[k]));
        stack.resize(first);
    }

    bool parse_array(value& out, std::uint32_t depth) {
        if (depth > opts_.max_depth) {
            return fail(codes::too_deep, "JSON nested deeper than " + std::to_string(opts_.max_depth) + " levels",
                        "raise parse_options::max_depth if such documents are legitimate");
        }
        out.type = kind::array;
        ++i_;
        skip_ws();
        if (!at_end() && text_[i_] == ']') {
            ++i_;
            return true;
        }
        const std::size_t first = item_stack_.size();
        const bool ok = parse_items(depth);
        move_range(item_stack_, first, out.items);
        return ok;
    }

    bool parse_items(std::uint32_t depth) {
        for (;;) {
            skip_ws();
            if (at_end()) return fail(codes::syntax, "expected a value or `]`, found end of input");
            value v;
            const bool ok = parse_value(v, depth);
            item_stack_.push_back(std::move(v));
            if (!ok) return false;
            skip_ws();
            if (at_end()) return fail(codes::syntax, "expected `,` or `]`, found end of input");
            if (text_[i_] == ',') {
                ++i_;
                continue;
            }
            if (text_[i_] == ']') {
                ++i_;
                return true;
            }
            return fail(codes::syntax, "expected `,` or `]`, found " + describe_here());
        }
    }

    bool parse_object(value& out, std::uint32_t depth) {
        if (depth > opts_.max_depth) {
            return fail(codes::too_deep, "JSON nested deeper than " + std::to_string(opts_.max_depth) + " levels",
                        "raise parse_options::max_depth if such documents are legitimate");
        }
        out.type = kind::object;
        ++i_;
        skip_ws();
        if (!at_end() && text_[i_] == '}') {
            ++i_;
            return true;
        }
        const std::size_t first = member_stack_.size();
        const bool ok = parse_members(depth);
        move_range(member_stack_, first, out.members);
        if (ok && !opts_.allow_duplicate_keys) remove_duplicates(out.members);
        return ok;
    }

    bool parse_members(std::uint32_t depth) {
        for (;;) {
            skip_ws();
            if (at_end()) return fail(codes::syntax, "expected a key or `}`, found end of input");
            if (text_[i_] != '"') {
                return fail(codes::syntax, "expected a string key, found " + describe_here(),
                            text_[i_] == '}' ? "remove the trailing comma" : "object keys must be double-quoted strings");
            }
            member m;
            m.key_pos = here();
            const bool ok = parse_member(m, depth);
            member_stack_.push_back(std::move(m));
            if (!ok) return false;
            skip_ws();
            if (at_end()) return fail(codes::syntax, "expected `,` or `}`, found end of input");
            if (text_[i_] == ',') {
                ++i_;
                continue;
            }
            if (text_[i_] == '}') {
                ++i_;
                return true;
            }
            return fail(codes::syntax, "expected `,` or `}`, found " + describe_here());
        }
    }

    // `"key": value`, from the opening quote of the key.
    bool parse_member(member& m, std::uint32_t depth) {
        if (!parse_string(m.key)) return false;
        skip_ws();
        if (at_end() || text_[i_] != ':') return fail(codes::syntax, "expected `:` after key, found " + describe_here());
        ++i_;
        skip_ws();
        if (at_end()) return fail(codes::syntax, "expected a value after `:`, found end of input");
        return parse_value(m.val, depth);
    }

    // Whether two members have the same key; checked without allocating, as almost no object has one.
    static bool any_duplicate(const cow_vector<member>& members) {
        const std::size_t n = members.size();
        if (n > 16) return true;  // the sorting check below decides
        for (std::size_t j = 1; j < n; ++j)
            for (std::size_t k = 0; k < j; ++k)
                if (members[k].key == members[j].key) return true;
        return false;
    }

    // Reports every repeated key (keeping the first occurrence) in document order.
    void remove_duplicates(cow_vector<member>& members) {
        const std::size_t n = members.size();
        if (n < 2 || !any_duplicate(members)) return;
        std::vector<bool> dup(n, false);
        std::vector<std::size_t> first(n);
        bool any = false;
        if (n <= 16) {
            for (std::size_t j = 1; j < n; ++j)
                for (std::size_t k = 0; k < j; ++k)
                    if (!dup[k] && members[k].key == members[j].key) {
                        dup[j] = true;
                        first[j] = k;
                        any = true;
                        break;
                    }
        } else {
            std::vector<std::size_t> order(n);
            std::iota(order.begin(), order.end(), std::size_t{0});
            std::stable_sort(order.begin(), order.end(),
                             [&](std::size_t a, std::size_t b) { return members[a].key < members[b].key; });
            for (std::size_t j = 1; j < n; ++j) {
                if (members[order[j]].key == members[order[j - 1]].key) {
                    std::size_t k = j - 1;
                    while (dup[order[k]]) --k;
                    dup[order[j]] = true;
                    first[order[j]] = order[k];
                    any = true;
                }
            }
        }
        if (!any) return;
        cow_vector<member> kept;
        kept.reserve(n);
        for (std::size_t j = 0; j < n; ++j) {
            if (!dup[j]) {
                kept.push_back(std::move(members[j]));
                continue;
            }
            const source_pos p = members[first[j]].key_pos;
            diagnostic d;
            d.level = severity::error;
            d.code = std::string(codes::duplicate_key);
            d.message = "duplicate key `" + members[j].key + "`";
            d.help = "first defined at line " + std::to_string(p.line) + ", column " + std::to_string(p.column) +
                     "; IAM rejects documents with repeated keys";
            d.pos = members[j].key_pos;
            d.length = static_cast<std::uint32_t>(members[j].key.size() + 2);
            diags_.push_back(std::move(d));
        }
        members = std::move(kept);
    }
};

}  // namespace

parse_result parse(std::string_view text, const parse_options& opts) {
    parse_result r;
    if (text.size() > opts.max_size) {
        diagnostic d;
        d.code = std::string(codes::too_large);
        d.message = "input of " + std::to_string(text.size()) + " bytes exceeds the limit of " +
                    std::to_string(opts.max_size) + " bytes";
        d.help = "raise parse_options::max_size if such documents are legitimate";
        r.diagnostics.push_back(std::move(d));
        return r;
    }
    parser p(text, opts, r.diagnostics);
    r.ok = p.run(r.root);
    return r;
}

}  // namespace iamguard::json
