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
        out += ':';
    }
    out += std::to_string(d.pos.line);
    out += ':';
    out += std::to_string(d.pos.column);
    out += ": ";
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

std::string render(const diagnostic& d, std::string_view source) {
    std::string out = render_short(d);
    out += '\n';
    if (!source.empty() && d.pos.offset <= source.size()) {
        // Find the line that holds the offset; the caret is drawn under the bytes [column, column+length).
        std::size_t begin = source.rfind('\n', d.pos.offset == 0 ? 0 : d.pos.offset - 1);
        begin = (begin == std::string_view::npos || d.pos.offset == 0) ? 0 : begin + 1;
        if (d.pos.offset > 0 && source[d.pos.offset - 1] == '\n') begin = d.pos.offset;
        std::size_t end = source.find('\n', begin);
        if (end == std::string_view::npos) end = source.size();
        std::string_view line = source.substr(begin, end - begin);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        const std::string num = std::to_string(d.pos.line);
        const std::string gutter(num.size(), ' ');
        out += ' ' + num + " | ";
        out += line;
        out += '\n';
        out += ' ' + gutter + " | ";
        const std::size_t col = d.pos.offset - begin;
        for (std::size_t i = 0; i < col && i < line.size(); ++i) out += (line[i] == '\t') ? '\t' : ' ';
        out += '^';
        const std::size_t tail = std::min<std::size_t>(d.length, line.size() > col ? line.size() - col : 1);
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
