// SPDX-License-Identifier: Apache-2.0
// parse_tests.cpp: reading `X.tests.json` files (the format is documented in dsl/rules/README.md).
#include <iamguard/rules/rule_test.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <utility>

#include <iamguard/entity/load.hpp>
#include <iamguard/json/value.hpp>

namespace iamguard::rules {

namespace {

constexpr std::array<std::string_view, 4> outcome_names = {"pass", "fail", "error", "skip"};

// The byte just past the JSON value that starts at `start` (the text is known to be valid JSON
// there, because the parser accepted it). Strings are skipped so brackets inside them do not count.
std::size_t value_end(std::string_view text, std::size_t start) {
    std::size_t i = start;
    int depth = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '"') {
            for (++i; i < text.size() && text[i] != '"'; ++i)
                if (text[i] == '\\') ++i;
            ++i;
            if (depth == 0) return i;
            continue;
        }
        if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            --depth;
            if (depth == 0) return i + 1;
        } else if (depth == 0 && (c == ',' || c == ' ' || c == '\n' || c == '\r' || c == '\t')) {
            return i;
        }
        ++i;
    }
    return i;
}

// The text with everything outside [begin, end) blanked (newlines kept), so that a loader reading
// it reports the positions of the tests file itself.
std::string masked(std::string_view text, std::size_t begin, std::size_t end) {
    std::string out(text);
    for (std::size_t i = 0; i < out.size(); ++i)
        if ((i < begin || i >= end) && out[i] != '\n' && out[i] != '\r') out[i] = ' ';
    return out;
}

class reader {
public:
    reader(std::string_view text, std::string_view file) : text_(text), file_(file) {}

    test_file_result run() {
        test_file_result out;
        out.tests.file = std::string(file_);
        out.tests.rule_file = rule_file_for(file_);
        auto parsed = json::parse(text_);
        for (auto& d : parsed.diagnostics) add(std::move(d));
        if (!parsed.ok) return finish(std::move(out));
        const json::value& root = parsed.root;
        if (!root.is_object()) {
            error(test_codes::bad_shape, root.pos, "a tests file is a JSON object with `cases`, found " +
                                                       std::string(json::to_string(root.type)));
            return finish(std::move(out));
        }
        std::vector<std::string> file_rules;
        auto file_now = default_test_time();
        for (const auto& m : root.members) {
            if (m.key == "rule" || m.key == "rules") {
                file_rules = rule_ids(m.val);
            } else if (m.key == "now") {
                if (auto t = time_of(m.val)) file_now = *t;
            } else if (m.key == "cases") {
                // read below, once the defaults are known
            } else if (m.key == "description" || m.key == "$comment") {
                expect_string(m.val, m.key);
            } else {
                unknown(m);
            }
        }
        const json::value* cases = root.find("cases");
        if (cases == nullptr) {
            error(test_codes::bad_shape, root.pos, "a tests file needs `cases`, a list of cases");
        } else if (!cases->is_array()) {
            error(test_codes::bad_shape, cases->pos, "`cases` must be a list of cases");
        } else {
            for (const auto& c : cases->items) {
                auto tc = read_case(c, file_rules, file_now);
                if (tc) out.tests.cases.push_back(std::move(*tc));
            }
        }
        return finish(std::move(out));
    }

private:
    static std::string rule_file_for(std::string_view file) {
        constexpr std::string_view suffix = ".tests.json";
        std::string f(file);
        if (f.size() > suffix.size() && f.compare(f.size() - suffix.size(), suffix.size(), suffix) == 0)
            return f.substr(0, f.size() - suffix.size()) + ".rule";
        return {};
    }

    test_file_result finish(test_file_result out) {
        out.diagnostics = std::move(diags_);
        return out;
    }

    void add(diagnostic d) {
        if (d.file.empty()) d.file = std::string(file_);
        diags_.push_back(std::move(d));
    }

    void error(std::string_view code, source_pos pos, std::string message, std::string help = {}) {
        diagnostic d;
        d.code = std::string(code);
        d.message = std::move(message);
        d.help = std::move(help);
        d.pos = pos;
        add(std::move(d));
        ++errors_;
    }

    void unknown(const json::member& m) {
        diagnostic d;
        d.level = severity::warning;
        d.code = std::string(test_codes::unknown_member);
        d.message = "unknown member `" + m.key + "` (ignored)";
        d.pos = m.key_pos;
        d.length = static_cast<std::uint32_t>(m.key.size() + 2);
        add(std::move(d));
    }

    bool expect_string(const json::value& v, std::string_view what) {
        if (v.is_string()) return true;
        error(test_codes::bad_shape, v.pos, "`" + std::string(what) + "` must be a string");
        return false;
    }

    std::vector<std::string> rule_ids(const json::value& v) {
        std::vector<std::string> ids;
        if (v.is_string()) {
            ids.push_back(v.text);
        } else if (v.is_array()) {
            for (const auto& i : v.items)
                if (expect_string(i, "rule")) ids.push_back(i.text);
        } else {
            error(test_codes::bad_shape, v.pos, "`rule` must be a rule id or a list of rule ids");
        }
        return ids;
    }

    std::optional<std::chrono::system_clock::time_point> time_of(const json::value& v) {
        if (!expect_string(v, "now")) return std::nullopt;
        auto t = parse_date(v.text);
        if (!t) error(test_codes::bad_time, v.pos, "`" + v.text + "` is not an ISO-8601 date-time",
                      "write e.g. `2024-06-30T00:00:00Z`");
        return t;
    }

    void read_params(const json::value& v, parameters& out) {
        if (!v.is_object()) {
            error(test_codes::bad_shape, v.pos, "`params` must be an object of parameter names to values");
            return;
        }
        for (const auto& m : v.members) {
            const json::value& p = m.val;
            if (p.is_string()) {
                out.set(m.key, param_value{p.text});
            } else if (p.is_number()) {
                out.set(m.key, param_value{std::strtod(p.text.c_str(), nullptr)});
            } else if (p.is_bool()) {
                out.set(m.key, param_value{p.boolean});
            } else if (p.is_array()) {
                std::vector<std::string> items;
                bool ok = true;
                for (const auto& i : p.items) {
                    if (i.is_string() || i.is_number()) {
                        items.push_back(i.text);
                    } else {
                        error(test_codes::bad_shape, i.pos, "list parameter `" + m.key + "` takes strings or numbers");
                        ok = false;
                    }
                }
                if (ok) out.set(m.key, param_value{std::move(items)});
            } else {
                error(test_codes::bad_shape, p.pos,
                      "parameter `" + m.key + "` must be a string, a number, a boolean or a list");
            }
        }
    }

    // Loads the case's `entities` (canonical) and `input` (any format) together.
    bool load_entities(const json::value& c, test_case& tc, std::string_view input_format) {
        std::vector<std::string> texts;
        std::vector<std::string> names;
        if (const json::value* ents = c.find("entities")) {
            if (!ents->is_array()) {
                error(test_codes::bad_shape, ents->pos, "`entities` must be a list of entities in canonical form");
                return false;
            }
            texts.push_back(masked(text_, ents->pos.offset, value_end(text_, ents->pos.offset)));
            names.emplace_back(file_);
        }
        if (const json::value* in = c.find("input")) {
            if (in->is_string()) {
                texts.push_back(in->text);  // e.g. a credential report: positions are in the string
                names.push_back(std::string(file_) + ": input of `" + tc.name + "`");
            } else if (in->is_object() || in->is_array()) {
                texts.push_back(masked(text_, in->pos.offset, value_end(text_, in->pos.offset)));
                names.emplace_back(file_);
            } else {
                error(test_codes::bad_shape, in->pos, "`input` must be an object, a list or a string");
                return false;
            }
        }
        if (texts.empty()) {
            error(test_codes::bad_shape, c.pos, "case `" + tc.name + "` has neither `entities` nor `input`");
            return false;
        }
        entity::load_options lo;
        if (!input_format.empty()) {
            lo.format = entity::parse_input_format(input_format);
            if (!lo.format) {
                error(test_codes::bad_shape, c.find("inputFormat")->pos,
                      "unknown input format `" + std::string(input_format) + "`");
                return false;
            }
        }
        std::vector<entity::input> inputs;
        for (std::size_t i = 0; i < texts.size(); ++i) inputs.push_back({names[i], texts[i]});
        auto loaded = entity::load(inputs, lo);
        bool ok = true;
        for (auto& d : loaded.diagnostics) {
            if (d.level == severity::error) {
                ok = false;
                ++errors_;
            }
            add(std::move(d));
        }
        if (!ok) {
            error(test_codes::bad_entities, c.pos, "the entities of case `" + tc.name + "` do not load");
            return false;
        }
        tc.entities = std::move(loaded.entities);
        return true;
    }

    static bool names_entity(const entity::entity& e, std::string_view key) {
        if (e.name == key) return true;
        const std::string typed = std::string(entity::to_string(e.type)) + ":" + e.name;
        return typed == key;
    }

    std::optional<test_case> read_case(const json::value& c, const std::vector<std::string>& file_rules,
                                       std::chrono::system_clock::time_point file_now) {
        const std::size_t errors_before = errors_;
        if (!c.is_object()) {
            error(test_codes::bad_shape, c.pos, "a case is an object with `name`, `entities` or `input`, and `expect`");
            return std::nullopt;
        }
        test_case tc;
        tc.pos = c.pos;
        tc.rule_ids = file_rules;
        tc.now = file_now;
        std::string input_format;
        static constexpr std::array<std::string_view, 10> known = {
            "name", "description", "rule", "rules", "now", "params", "entities", "input", "inputFormat", "expect"};
        for (const auto& m : c.members) {
            if (std::find(known.begin(), known.end(), m.key) == known.end()) {
                unknown(m);
            } else if (m.key == "name") {
                if (expect_string(m.val, "name")) tc.name = m.val.text;
            } else if (m.key == "description") {
                if (expect_string(m.val, "description")) tc.description = m.val.text;
            } else if (m.key == "rule" || m.key == "rules") {
                tc.rule_ids = rule_ids(m.val);
            } else if (m.key == "now") {
                if (auto t = time_of(m.val)) tc.now = *t;
            } else if (m.key == "params") {
                read_params(m.val, tc.params);
            } else if (m.key == "inputFormat") {
                if (expect_string(m.val, "inputFormat")) input_format = m.val.text;
            }
        }
        if (tc.name.empty()) error(test_codes::bad_shape, c.pos, "a case needs a non-empty `name`");
        const json::value* expect = c.find("expect");
        if (expect == nullptr || !expect->is_object()) {
            error(test_codes::bad_shape, expect == nullptr ? c.pos : expect->pos,
                  "case `" + tc.name + "` needs `expect`, an object of entity names to outcomes",
                  "e.g. `\"expect\": {\"my-role\": \"fail\"}`");
            return std::nullopt;
        }
        if (!load_entities(c, tc, input_format)) return std::nullopt;
        for (const auto& m : expect->members) {
            const auto o = m.val.is_string() ? parse_test_outcome(m.val.text) : std::nullopt;
            if (!o) {
                error(test_codes::bad_outcome, m.val.pos, "the outcome of `" + m.key + "` must be one of " +
                                                              "`pass`, `fail`, `error` or `skip`");
                continue;
            }
            const bool aggregate = m.key.starts_with("List<");
            const bool known_entity = aggregate || std::any_of(tc.entities.begin(), tc.entities.end(),
                                                               [&](const auto& e) { return names_entity(e, m.key); });
            if (!known_entity) {
                std::string names;
                for (const auto& e : tc.entities) names += (names.empty() ? "`" : ", `") + e.name + "`";
                error(test_codes::unknown_entity, m.key_pos, "no entity of case `" + tc.name + "` is named `" + m.key + "`",
                      names.empty() ? std::string() : "the entities are " + names);
                continue;
            }
            tc.expect.push_back({m.key, *o, m.key_pos});
        }
        if (errors_ != errors_before) return std::nullopt;
        return tc;
    }

    std::string_view text_;
    std::string_view file_;
    std::vector<diagnostic> diags_;
    std::size_t errors_ = 0;
};

}  // namespace

std::string_view to_string(test_outcome o) noexcept { return outcome_names[static_cast<std::size_t>(o)]; }

std::optional<test_outcome> parse_test_outcome(std::string_view s) noexcept {
    for (std::size_t i = 0; i < outcome_names.size(); ++i)
        if (outcome_names[i] == s) return static_cast<test_outcome>(i);
    return std::nullopt;
}

std::chrono::system_clock::time_point default_test_time() noexcept {
    using namespace std::chrono;
    return sys_days{year{2024} / June / 30};
}

test_file_result parse_rule_tests(std::string_view text, std::string_view file_name) {
    return reader(text, file_name).run();
}

}  // namespace iamguard::rules
