// SPDX-License-Identifier: Apache-2.0
#include <iamguard/diagnostic.hpp>

#include <algorithm>

namespace iamguard {

std::string_view to_string(severity s) noexcept {
    switch (s) {
        case severity::error: return "error";
        case severity::warning: return "warning";
        case severity::note: return "note";
    }
    return "error";
}

bool has_errors(const std::vector<diagnostic>& diags) noexcept {
    return std::any_of(diags.begin(), diags.end(),
                       [](const diagnostic& d) { return d.level == severity::error; });
}

source_pos locate(std::string_view source, std::uint32_t offset) noexcept {
    offset = static_cast<std::uint32_t>(std::min<std::size_t>(offset, source.size()));
    source_pos p{offset, 1, 1};
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (source[i] == '\n') {
            ++p.line;
            line_start = i + 1;
        }
    }
    p.column = static_cast<std::uint32_t>(offset - line_start + 1);
    return p;
}

std::string render_short(const diagnostic& d) {
    std::string out;
    if (!d.file.empty()) {
        out += d.file;
        out += d.pos.line == 0 ? ": " : ":";
    }
    if (d.pos.line != 0) {  // line 0: about the whole input (a file that cannot be read), no place in it
        out += std::to_string(d.pos.line);
        out += ':';
        out += std::to_string(d.pos.column);
        out += ": ";
    }
    out += to_string(d.level);
    out += '[';
    out += d.code;
    out += "]: ";
    out += d.message;
    if (!d.path.empty()) {
        out += " (at ";
        out += d.path;
        out += ')';
    }
    return out;
}

namespace {

// An excerpt shows at most this many bytes of the source line: minified JSON puts a whole account
// on one line, and printing that line under each of thousands of diagnostics once filled a disk.
constexpr std::size_t excerpt_before = 60;  // bytes kept left of the caret
constexpr std::size_t excerpt_width = 120;  // bytes kept in all

bool utf8_continuation(char c) noexcept { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The part of the line around `offset` that the excerpt shows. Both searches for the line's ends
// are bounded, so rendering costs O(excerpt_width) however long the line is.
struct excerpt {
    std::string_view text;   // the bytes shown
    std::size_t caret = 0;   // caret position within `text`
    bool clipped_left = false;
    bool clipped_right = false;
};

excerpt excerpt_at(std::string_view source, std::size_t offset) {
    excerpt e;
    std::size_t begin = offset;
    while (begin > 0 && source[begin - 1] != '\n' && offset - begin < excerpt_before) --begin;
    if (begin > 0 && source[begin - 1] != '\n') {
        e.clipped_left = true;
        while (begin < offset && utf8_continuation(source[begin])) ++begin;
    }
    std::size_t end = offset;
    const std::size_t limit = begin + excerpt_width;
    while (end < source.size() && source[end] != '\n' && end < limit) ++end;
    if (end < source.size() && source[end] != '\n') {
        e.clipped_right = true;
        while (end > offset && utf8_continuation(source[end])) --end;
    }
    e.text = source.substr(begin, end - begin);
    if (!e.clipped_right && !e.text.empty() && e.text.back() == '\r') e.text.remove_suffix(1);
    e.caret = offset - begin;
    return e;
}

}  // namespace

std::string render(const diagnostic& d, std::string_view source) {
    std::string out = render_short(d);
    out += '\n';
    if (!source.empty() && d.pos.line != 0 && d.pos.offset <= source.size()) {
        const excerpt e = excerpt_at(source, d.pos.offset);
        const std::string num = std::to_string(d.pos.line);
        const std::string gutter(num.size(), ' ');
        const std::string_view left = e.clipped_left ? "..." : "";
        out += ' ' + num + " | ";
        out += left;
        out += e.text;
        if (e.clipped_right) out += "...";
        out += '\n';
        out += ' ' + gutter + " | ";
        out.append(left.size(), ' ');
        for (std::size_t i = 0; i < e.caret && i < e.text.size(); ++i) out += (e.text[i] == '\t') ? '\t' : ' ';
        out += '^';
        const std::size_t room = e.text.size() > e.caret ? e.text.size() - e.caret : 1;
        const std::size_t tail = std::min<std::size_t>(d.length, room);
        if (tail > 1) out.append(tail - 1, '~');
        out += '\n';
    }
    if (!d.help.empty()) {
        out += "  = help: ";
        out += d.help;
        out += '\n';
    }
    return out;
}

void set_file(std::vector<diagnostic>& diags, std::string_view file) {
    for (auto& d : diags)
        if (d.file.empty()) d.file = std::string(file);
}

}  // namespace iamguard
