// SPDX-License-Identifier: Apache-2.0
// dsl/grammar/parse_file.cpp: rules::parse(): a whole file, either `.rule` blocks or bare GSL
// lines, with recovery so that every error of the file is reported.
#include <algorithm>
#include <cctype>
#include <string>

#include <iamguard/rules/codes.hpp>
#include <iamguard/rules/compile.hpp>

#include "entry.hpp"
#include "lower.hpp"

namespace iamguard::rules {

namespace pt = dsl::pt;

namespace {

bool is_word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == ':';
}

/// Skips spaces and `#` comments from `i`.
std::size_t skip_blank(std::string_view s, std::size_t i) {
    while (i < s.size()) {
        if (std::isspace(static_cast<unsigned char>(s[i])) != 0) {
            ++i;
        } else if (s[i] == '#') {
            while (i < s.size() && s[i] != '\n') ++i;
        } else {
            break;
        }
    }
    return i;
}

bool keyword_at(std::string_view s, std::size_t i, std::string_view kw) {
    return s.substr(i, kw.size()) == kw && (i + kw.size() >= s.size() || !is_word_char(s[i + kw.size()]));
}

/// The token at `i`, for "found `...`" in messages; its length goes to `len`.
std::string token_at(std::string_view s, std::size_t i, std::size_t end, std::uint32_t& len) {
    if (i >= end) {
        len = 1;
        return {};
    }
    std::size_t j = i;
    if (is_word_char(s[i])) {
        while (j < end && j - i < 24 && (is_word_char(s[j]) || s[j] == '.')) ++j;
    } else {
        j = i + 1;
        if (j < end && (s[i] == '!' || s[i] == '<' || s[i] == '>' || s[i] == '=') && s[j] == '=') ++j;
    }
    len = static_cast<std::uint32_t>(j - i);
    return std::string(s.substr(i, j - i));
}

/// x3's description of what it expected, made readable: `'x'` and `"xy"` become `x` / `xy`.
std::string readable(const std::string& which) {
    if (which.size() >= 2 && (which.front() == '\'' || which.front() == '"') && which.back() == which.front()) {
        std::string out = "`";  // appended piecewise: GCC 12 -O2 warns falsely (-Wrestrict) on "`" + s
        out.append(which, 1, which.size() - 2);
        out += '`';
        return out;
    }
    return which;
}

/// Finds the first bracket nested deeper than `max` in [b, e) (strings and regexes skipped).
std::optional<std::size_t> too_deep_at(std::string_view s, std::size_t b, std::size_t e, std::uint32_t max) {
    std::uint32_t depth = 0;
    bool after_regex_kw = false;
    for (std::size_t i = b; i < e; ++i) {
        const char c = s[i];
        if (c == '\'') {
            for (++i; i < e && s[i] != '\''; ++i) {
            }
        } else if (c == '/' && after_regex_kw) {
            for (++i; i < e && s[i] != '/' && s[i] != '\n'; ++i)
                if (s[i] == '\\') ++i;
            after_regex_kw = false;
        } else if (c == '(' || c == '[') {
            if (++depth > max) return i;
        } else if (c == ')' || c == ']') {
            if (depth > 0) --depth;
        } else if (keyword_at(s, i, "regexMatch") && (i == 0 || !is_word_char(s[i - 1]))) {
            after_regex_kw = true;
            i += 9;
        } else if (std::isspace(static_cast<unsigned char>(c)) == 0) {
            after_regex_kw = false;
        }
    }
    return std::nullopt;
}

class file_parser {
public:
    file_parser(std::string_view src, std::string_view file, const limits& lim, parse_output& out)
        : src_(src), lines_(src), out_(out) {
        cx_.source = src;
        cx_.lines = &lines_;
        cx_.file = std::string(file);
        cx_.limit = &lim;
        cx_.diagnostics = &out.diagnostics;
    }

    void run() {
        // a UTF-8 byte order mark (editors on Windows write one) is not part of the first rule
        start_ = src_.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
        const std::size_t first = skip_blank(src_, start_);
        if (keyword_at(src_, first, "rule")) {
            blocks(first);
        } else {
            lines();
        }
    }

private:
    void syntax(pt::syntax_error e, std::size_t end, bool line_mode) {
        // x3 reports the position before the spaces it would have skipped
        e.offset = static_cast<std::uint32_t>(std::min(skip_blank(src_.substr(0, end), e.offset), end));
        std::uint32_t len = 1;
        const std::string tok = token_at(src_, e.offset, end, len);
        // appended piecewise: GCC 12 -O2 warns falsely (-Wrestrict) on `"`" + tok + "`"` here
        std::string message = "expected ";
        message += readable(e.expected);
        message += ", found ";
        if (tok.empty()) {
            message += line_mode ? "the end of the line" : "the end of the file";
        } else {
            message += '`';
            message += tok;
            message += '`';
        }
        cx_.error(codes::syntax, e.offset, e.offset + len, std::move(message));
    }

    bool check_depth(std::size_t b, std::size_t e) {
        if (auto at = too_deep_at(src_, b, e, cx_.limit->max_nesting)) {
            const auto off = static_cast<std::uint32_t>(*at);
            cx_.error(codes::too_deep, off, off + 1,
                      "brackets nested deeper than " + std::to_string(cx_.limit->max_nesting) + " levels");
            return false;
        }
        return true;
    }

    // ---- bare GSL: one rule per line ----

    void lines() {
        std::size_t b = start_;
        while (b < src_.size()) {
            std::size_t e = src_.find('\n', b);
            if (e == std::string_view::npos) e = src_.size();
            line(b, e);
            b = e + 1;
        }
    }

    void line(std::size_t b, std::size_t e) {
        const std::size_t start = skip_blank(src_.substr(0, e), b);
        if (start >= e) return;  // blank or comment
        if (!check_depth(start, e)) return;
        pt::logic tree;
        const char* stop = nullptr;
        std::vector<pt::syntax_error> errors;
        const char* origin = src_.data();
        if (!dsl::parse_logic(origin, origin + start, origin + e, tree, stop, errors)) {
            syntax(errors.empty() ? pt::syntax_error{static_cast<std::uint32_t>(start), "an entity type"} : errors.front(),
                   e, true);
            return;
        }
        std::size_t rest = static_cast<std::size_t>(stop - origin);
        rest = skip_blank(src_.substr(0, e), rest);
        if (rest < e) {
            // CloudGuard accepted rules with an unbalanced `)` at the end: warn and go on
            std::size_t k = rest;
            while (k < e && (src_[k] == ')' || std::isspace(static_cast<unsigned char>(src_[k])) != 0)) ++k;
            if (k == e && src_[rest] == ')') {
                cx_.warning(codes::stray_paren, static_cast<std::uint32_t>(rest), static_cast<std::uint32_t>(rest + 1),
                            "unbalanced `)` at the end of the rule is ignored", "remove it");
            } else {
                syntax({static_cast<std::uint32_t>(rest), after(tree)}, e, true);
                return;
            }
        }
        ast::rule_def def;
        const source_pos pos = lines_.at(static_cast<std::uint32_t>(start));
        def.info.id = cx_.file.empty() ? "line-" + std::to_string(pos.line)
                                       : cx_.file + ":" + std::to_string(pos.line);
        def.info.file = cx_.file;
        def.info.pos = pos;
        def.info.logic = std::string(src_.substr(tree.begin, tree.end - tree.begin));
        def.info.title = def.info.logic;
        def.body = dsl::lower_logic(tree, cx_);
        out_.rules.push_back(std::move(def));
    }

    static std::string after(const pt::logic& t) {
        if (t.should) return "`and`, `or` or the end of the rule";
        if (t.where) return "`and`, `or` or `should`";
        return "`where` or `should`";
    }

    // ---- .rule blocks ----

    void blocks(std::size_t i) {
        const char* origin = src_.data();
        while (true) {
            i = skip_blank(src_, i);
            if (i >= src_.size()) return;
            if (!keyword_at(src_, i, "rule")) {
                syntax({static_cast<std::uint32_t>(i), "`rule`"}, src_.size(), false);
                i = next_rule(i);
                continue;
            }
            const std::size_t end = block_end(i);
            if (!check_depth(i, end)) {
                i = next_rule(i);
                continue;
            }
            pt::rule_block tree;
            const char* stop = nullptr;
            std::vector<pt::syntax_error> errors;
            if (!dsl::parse_rule_block(origin, origin + i, origin + src_.size(), tree, stop, errors)) {
                syntax(errors.empty() ? pt::syntax_error{static_cast<std::uint32_t>(i), "`rule <id> {`"} : errors.front(),
                       src_.size(), false);
                i = next_rule(i);
                continue;
            }
            if (auto def = dsl::lower_block(tree, cx_)) out_.rules.push_back(std::move(*def));
            i = static_cast<std::size_t>(stop - origin);
        }
    }

    /// Where to resume after a broken rule: the next line that starts with `rule`.
    std::size_t next_rule(std::size_t from) const {
        std::size_t i = src_.find('\n', from);
        while (i != std::string_view::npos) {
            std::size_t j = i + 1;
            while (j < src_.size() && (src_[j] == ' ' || src_[j] == '\t' || src_[j] == '\r')) ++j;
            if (keyword_at(src_, j, "rule")) return j;
            i = src_.find('\n', j);
        }
        return src_.size();
    }

    /// The end of the block starting at `i` for the depth check: the next rule or the end.
    std::size_t block_end(std::size_t i) const { return std::min(next_rule(i), src_.size()); }

    std::string_view src_;
    std::size_t start_ = 0;
    dsl::line_index lines_;
    dsl::lower_context cx_;
    parse_output& out_;
};

}  // namespace

parse_output parse(std::string_view source, std::string_view file_name, const limits& lim) {
    parse_output out;
    if (source.size() > lim.max_source_size || source.size() > 0xFFFFFFF0u) {
        diagnostic d;
        d.code = std::string(codes::too_large);
        d.file = std::string(file_name);
        d.message = "rule file of " + std::to_string(source.size()) + " bytes exceeds the limit of " +
                    std::to_string(lim.max_source_size);
        out.diagnostics.push_back(std::move(d));
        return out;
    }
    try {
        file_parser(source, file_name, lim, out).run();
    } catch (const std::bad_alloc&) {
        diagnostic d;
        d.code = std::string(codes::too_large);
        d.file = std::string(file_name);
        d.message = "out of memory while parsing the rule file";
        out.diagnostics.push_back(std::move(d));
    }
    return out;
}

}  // namespace iamguard::rules
