// SPDX-License-Identifier: Apache-2.0
// xml_check.hpp: a strict little XML 1.0 reader for tests: checks well-formedness (nesting,
// quoting, entity and character references, no raw `<` or `&` in text or attributes, no
// characters XML forbids) and returns the element tree with entities decoded.
#pragma once

#include <cctype>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iamguard::test::xml {

struct element {
    std::string name;
    std::map<std::string, std::string> attributes;
    std::vector<element> children;
    std::string text;  ///< concatenated character data, decoded

    [[nodiscard]] std::vector<const element*> all(std::string_view child) const {
        std::vector<const element*> out;
        for (const auto& c : children)
            if (c.name == child) out.push_back(&c);
        return out;
    }
};

class reader {
public:
    explicit reader(std::string_view s) : s_(s) {}

    /// The root element, or nullopt with error() set.
    std::optional<element> parse() {
        skip_space();
        if (s_.substr(i_).starts_with("<?xml")) {
            const auto end = s_.find("?>", i_);
            if (end == std::string_view::npos) {
                fail("unterminated XML declaration");
                return std::nullopt;
            }
            i_ = end + 2;
        }
        skip_space();
        element root;
        if (!parse_element(root)) return std::nullopt;
        skip_space();
        if (i_ != s_.size()) {
            fail("content after the root element");
            return std::nullopt;
        }
        return root;
    }

    [[nodiscard]] const std::string& error() const { return error_; }

private:
    bool fail(const std::string& what) {
        if (error_.empty()) error_ = what + " at byte " + std::to_string(i_);
        return false;
    }

    void skip_space() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r')) ++i_;
    }

    std::string name() {
        const std::size_t start = i_;
        while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_' || s_[i_] == '-' ||
                                  s_[i_] == '.' || s_[i_] == ':'))
            ++i_;
        return std::string(s_.substr(start, i_ - start));
    }

    // Decodes character data up to `stop` (exclusive), rejecting raw `<`, bad references and
    // characters XML 1.0 forbids.
    bool decode(std::string_view raw, std::string& out) {
        for (std::size_t k = 0; k < raw.size(); ++k) {
            const char c = raw[k];
            const auto u = static_cast<unsigned char>(c);
            if (c == '<') return fail("raw `<` in character data");
            if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') return fail("a control character XML forbids");
            if (c != '&') {
                out += c;
                continue;
            }
            const auto semi = raw.find(';', k);
            if (semi == std::string_view::npos) return fail("`&` without `;`");
            const auto ref = raw.substr(k + 1, semi - k - 1);
            if (ref == "amp") out += '&';
            else if (ref == "lt") out += '<';
            else if (ref == "gt") out += '>';
            else if (ref == "quot") out += '"';
            else if (ref == "apos") out += '\'';
            else if (ref.size() > 1 && ref[0] == '#') {
                const bool hex = ref[1] == 'x';
                const auto digits = ref.substr(hex ? 2 : 1);
                if (digits.empty()) return fail("empty character reference");
                unsigned long cp = 0;
                for (const char d : digits) {
                    const int v = std::isdigit(static_cast<unsigned char>(d)) ? d - '0'
                                  : hex && std::isxdigit(static_cast<unsigned char>(d)) ? (std::tolower(d) - 'a' + 10)
                                                                                         : -1;
                    if (v < 0) return fail("bad character reference");
                    cp = cp * (hex ? 16 : 10) + static_cast<unsigned long>(v);
                }
                if (cp < 0x20 && cp != 9 && cp != 10 && cp != 13) return fail("a reference to a forbidden character");
                if (cp < 0x80) out += static_cast<char>(cp);
                else out += '?';  // tests only compare ASCII references
            } else {
                return fail("unknown entity `&" + std::string(ref) + ";`");
            }
            k = semi;
        }
        return true;
    }

    bool parse_element(element& e) {
        if (i_ >= s_.size() || s_[i_] != '<') return fail("expected `<`");
        ++i_;
        e.name = name();
        if (e.name.empty()) return fail("expected an element name");
        for (;;) {
            skip_space();
            if (i_ >= s_.size()) return fail("unterminated start tag");
            if (s_.substr(i_).starts_with("/>")) {
                i_ += 2;
                return true;
            }
            if (s_[i_] == '>') {
                ++i_;
                break;
            }
            const std::string attr = name();
            if (attr.empty()) return fail("expected an attribute name");
            if (e.attributes.contains(attr)) return fail("attribute `" + attr + "` repeated");
            skip_space();
            if (i_ >= s_.size() || s_[i_] != '=') return fail("expected `=`");
            ++i_;
            skip_space();
            if (i_ >= s_.size() || (s_[i_] != '"' && s_[i_] != '\'')) return fail("unquoted attribute value");
            const char q = s_[i_++];
            const auto end = s_.find(q, i_);
            if (end == std::string_view::npos) return fail("unterminated attribute value");
            std::string value;
            if (!decode(s_.substr(i_, end - i_), value)) return false;
            e.attributes[attr] = value;
            i_ = end + 1;
        }
        for (;;) {
            const auto lt = s_.find('<', i_);
            if (lt == std::string_view::npos) return fail("unterminated element `" + e.name + "`");
            if (!decode(s_.substr(i_, lt - i_), e.text)) return false;
            i_ = lt;
            if (s_.substr(i_).starts_with("</")) {
                i_ += 2;
                if (name() != e.name) return fail("mismatched end tag for `" + e.name + "`");
                skip_space();
                if (i_ >= s_.size() || s_[i_] != '>') return fail("expected `>`");
                ++i_;
                return true;
            }
            element child;
            if (!parse_element(child)) return false;
            e.children.push_back(std::move(child));
        }
    }

    std::string_view s_;
    std::size_t i_ = 0;
    std::string error_;
};

}  // namespace iamguard::test::xml
