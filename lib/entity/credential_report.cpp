// SPDX-License-Identifier: Apache-2.0
// credential_report.cpp: the IAM credential report, as CSV text or as the GetCredentialReport
// response (`Content` is the CSV in base64). Each row becomes a User entity (merged later with
// the same user from other inputs); the `<root_account>` row is the root user, which the joins
// also copy to the Account entity.
#include "entity/detail.hpp"
#include "entity/fields.hpp"

#include <array>
#include <optional>

namespace iamguard::entity::detail {

namespace {

struct cell {
    std::string text;
    source_pos pos;
};

/// Splits RFC 4180 CSV into rows of cells with their positions. `base` is added to positions
/// when the CSV came from a decoded string (then positions are approximate: see the callers).
std::vector<std::vector<cell>> parse_csv(std::string_view text) {
    std::vector<std::vector<cell>> rows;
    std::vector<cell> row;
    std::uint32_t line = 1, col = 1;
    std::size_t i = 0;
    bool row_started = false;
    while (i < text.size()) {
        cell c;
        c.pos = {static_cast<std::uint32_t>(i), line, col};
        row_started = true;
        if (text[i] == '"') {
            ++i;
            ++col;
            while (i < text.size()) {
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        c.text += '"';
                        i += 2;
                        col += 2;
                        continue;
                    }
                    ++i;
                    ++col;
                    break;
                }
                if (text[i] == '\n') {
                    ++line;
                    col = 0;
                }
                c.text += text[i];
                ++i;
                ++col;
            }
        }
        while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
            c.text += text[i];
            ++i;
            ++col;
        }
        row.push_back(std::move(c));
        if (i < text.size() && text[i] == ',') {
            ++i;
            ++col;
            if (i == text.size()) row.push_back(cell{{}, {static_cast<std::uint32_t>(i), line, col}});
            continue;
        }
        if (i < text.size() && text[i] == '\r') ++i;
        if (i < text.size() && text[i] == '\n') ++i;
        ++line;
        col = 1;
        rows.push_back(std::move(row));
        row.clear();
        row_started = false;
    }
    if (row_started && !row.empty()) rows.push_back(std::move(row));
    return rows;
}

// The columns of the report (docs.aws.amazon.com, "Getting credential reports").
constexpr std::array<std::string_view, 22> known_columns{
    "user", "arn", "user_creation_time", "password_enabled", "password_last_used", "password_last_changed",
    "password_next_rotation", "mfa_active", "access_key_1_active", "access_key_1_last_rotated",
    "access_key_1_last_used_date", "access_key_1_last_used_region", "access_key_1_last_used_service",
    "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
    "access_key_2_last_used_region", "access_key_2_last_used_service", "cert_1_active", "cert_1_last_rotated",
    "cert_2_active", "cert_2_last_rotated"};

bool not_applicable(std::string_view s) {
    return s.empty() || s == "N/A" || s == "not_supported" || s == "no_information";
}

class report_reader {
public:
    report_reader(loader& ld, std::string_view csv, bool decoded, source_pos outer)
        : ld_(ld), csv_(csv), decoded_(decoded), outer_(outer) {}

    void run() {
        auto rows = parse_csv(csv_);
        if (rows.empty()) {
            report(severity::error, codes::csv_missing_column, "the credential report is empty", {0, 1, 1});
            return;
        }
        const auto& head = rows.front();
        for (std::size_t i = 0; i < head.size(); ++i) index_.emplace_back(head[i].text, i);
        const source_pos header_pos = head.front().pos;
        if (!column("user")) {
            report(severity::error, codes::csv_missing_column,
                   "the credential report has no `user` column; no row was loaded", header_pos,
                   "the first line must be the header `user,arn,user_creation_time,...`");
            return;
        }
        for (auto name : known_columns) {
            if (!column(name))
                report(severity::warning, codes::csv_missing_column,
                       "the credential report has no `" + std::string(name) + "` column; the fields it feeds are absent",
                       header_pos);
        }
        for (std::size_t r = 1; r < rows.size(); ++r) {
            const auto& row = rows[r];
            if (row.size() == 1 && row.front().text.empty()) continue;  // blank line
            if (row.size() < head.size()) {
                const std::string who = row.empty() ? std::string() : row.front().text;
                report(severity::error, codes::csv_short_row,
                       "row of user `" + who + "` has " + std::to_string(row.size()) + " cells, the header has " +
                           std::to_string(head.size()) + "; the row was not loaded",
                       row.front().pos);
                continue;
            }
            if (row.size() > head.size())
                report(severity::warning, codes::csv_short_row,
                       "row of user `" + row.front().text + "` has " + std::to_string(row.size()) +
                           " cells, the header has " + std::to_string(head.size()) + "; the extra cells are ignored",
                       row[head.size()].pos);
            read_row(row);
        }
    }

private:
    loader& ld_;
    std::string_view csv_;
    bool decoded_;
    source_pos outer_;
    std::vector<std::pair<std::string, std::size_t>> index_;

    std::optional<std::size_t> column(std::string_view name) const {
        for (const auto& [n, i] : index_)
            if (n == name) return i;
        return std::nullopt;
    }

    source_pos where(source_pos p) const { return decoded_ ? outer_ : p; }

    void report(severity level, std::string_view code, std::string message, source_pos p, std::string help = {}) {
        if (decoded_) {
            std::string inner = "at line " + std::to_string(p.line) + ", column " + std::to_string(p.column) +
                                " of the decoded report";
            help = help.empty() ? inner : inner + "; " + help;
        }
        ld_.report(level, code, std::move(message), where(p), {}, std::move(help));
    }

    const cell* get(const std::vector<cell>& row, std::string_view name) const {
        auto i = column(name);
        return i && *i < row.size() ? &row[*i] : nullptr;
    }

    void put_bool(json::value& dst, std::string_view to, const std::vector<cell>& row, std::string_view col,
                  const std::string& who) {
        const cell* c = get(row, col);
        if (c == nullptr) return;
        if (c->text == "true" || c->text == "false" || c->text == "TRUE" || c->text == "FALSE") {
            set(dst, to, make_bool(c->text == "true" || c->text == "TRUE", where(c->pos)));
        } else if (not_applicable(c->text)) {
            set(dst, to, make_null(where(c->pos)));
        } else {
            report(severity::error, codes::invalid_value,
                   "expected `true` or `false` in column `" + std::string(col) + "`, found `" + c->text +
                       "` (in user `" + who + "`)",
                   c->pos);
            set(dst, to, make_null(where(c->pos)));
        }
    }

    void put_date(json::value& dst, std::string_view to, const std::vector<cell>& row, std::string_view col,
                  const std::string& who) {
        const cell* c = get(row, col);
        if (c == nullptr) return;
        if (not_applicable(c->text)) {
            set(dst, to, make_null(where(c->pos)));
            return;
        }
        std::string iso = normalise_date(c->text);
        if (iso.empty()) {
            report(severity::error, codes::invalid_value,
                   "expected a date or `N/A` in column `" + std::string(col) + "`, found `" + c->text +
                       "` (in user `" + who + "`)",
                   c->pos);
            set(dst, to, make_null(where(c->pos)));
            return;
        }
        set(dst, to, make_string(std::move(iso), where(c->pos)));
    }

    void put_text(json::value& dst, std::string_view to, const std::vector<cell>& row, std::string_view col) {
        const cell* c = get(row, col);
        if (c == nullptr) return;
        set(dst, to, not_applicable(c->text) ? make_null(where(c->pos)) : make_string(c->text, where(c->pos)));
    }

    json::value key(const std::vector<cell>& row, int n, const std::string& who, source_pos at) {
        const std::string p = "access_key_" + std::to_string(n) + "_";
        json::value k = make_object(at);
        put_bool(k, "isActive", row, p + "active", who);
        if (json::value* a = k.find("isActive"); a != nullptr && a->is_null()) *a = make_bool(false, a->pos);
        put_date(k, "lastRotated", row, p + "last_rotated", who);
        put_date(k, "lastUsedDate", row, p + "last_used_date", who);
        put_text(k, "lastUsedRegion", row, p + "last_used_region");
        put_text(k, "lastUsedService", row, p + "last_used_service");
        return k;
    }

    void read_row(const std::vector<cell>& row) {
        const cell& user = *get(row, "user");
        if (user.text.empty()) {
            report(severity::error, codes::missing_field, "row without a user name; the row was not loaded", user.pos);
            return;
        }
        const cell* arn_cell = get(row, "arn");
        const std::string arn = arn_cell != nullptr ? arn_cell->text : std::string();
        const bool root = user.text == "<root_account>";
        entity& e = ld_.add(entity_type::user, user.text, arn, where(user.pos), {});
        set(e.fields, "name", make_string(user.text, where(user.pos)));
        if (!arn.empty()) set(e.fields, "arn", make_string(arn, where(arn_cell->pos)));
        set(e.fields, "isRoot", make_bool(root, where(user.pos)));
        put_date(e.fields, "createDate", row, "user_creation_time", user.text);
        put_bool(e.fields, "passwordEnabled", row, "password_enabled", user.text);
        put_date(e.fields, "passwordLastUsed", row, "password_last_used", user.text);
        put_date(e.fields, "passwordLastChanged", row, "password_last_changed", user.text);
        put_date(e.fields, "passwordNextRotation", row, "password_next_rotation", user.text);
        put_bool(e.fields, "mfaActive", row, "mfa_active", user.text);
        json::value first = key(row, 1, user.text, where(user.pos));
        json::value second = key(row, 2, user.text, where(user.pos));
        // The list form: keys that exist (active, or inactive but created at some time).
        json::value keys = make_array(where(user.pos));
        bool any = false, any_active = false;
        int slot = 1;
        for (const json::value* k : {&first, &second}) {
            const json::value* active = k->find("isActive");
            const json::value* rotated = k->find("lastRotated");
            const bool is_active = active != nullptr && active->is_bool() && active->boolean;
            const bool exists = is_active || (rotated != nullptr && rotated->is_string());
            if (exists) {
                json::value item = *k;
                item.members.insert(item.members.begin(), json::member{"slot", k->pos, make_integer(slot, k->pos)});
                keys.items.push_back(std::move(item));
                any = true;
                any_active = any_active || is_active;
            }
            ++slot;
        }
        if (get(row, "access_key_1_active") != nullptr || get(row, "access_key_2_active") != nullptr) {
            set(e.fields, "firstAccessKey", std::move(first));
            set(e.fields, "secondAccessKey", std::move(second));
            set(e.fields, "accessKeys", std::move(keys));
            set(e.fields, "hasAccessKeys", make_bool(any, where(user.pos)));
            set(e.fields, "hasActiveAccessKeys", make_bool(any_active, where(user.pos)));
        }
    }
};

std::optional<std::string> base64_decode(std::string_view in) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+' || c == '-') return 62;
        if (c == '/' || c == '_') return 63;
        return -1;
    };
    std::string out;
    out.reserve(in.size() * 3 / 4);
    unsigned buffer = 0;
    int bits = 0;
    std::size_t pad = 0;
    for (const char c : in) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        if (c == '=') {
            ++pad;
            continue;
        }
        if (pad > 0) return std::nullopt;  // data after padding
        const int v = value(c);
        if (v < 0) return std::nullopt;
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    if (pad > 2) return std::nullopt;
    return out;
}

}  // namespace

void read_credential_report_csv(loader& ld, std::string_view csv) {
    report_reader(ld, csv, false, {}).run();
}

void read_credential_report_response(loader& ld, const json::value& root) {
    const json::value* content = root.find("Content");
    if (content == nullptr || !content->is_string()) {
        ld.report(severity::error, codes::wrong_type,
                  "expected a base64 string for `Content`, found " +
                      std::string(content == nullptr ? "nothing" : json::to_string(content->type)),
                  content == nullptr ? root.pos : content->pos, "Content");
        return;
    }
    auto csv = base64_decode(content->text);
    if (!csv) {
        ld.report(severity::error, codes::invalid_base64, "`Content` is not valid base64", content->pos, "Content");
        return;
    }
    if (const json::value* t = root.find("GeneratedTime"); t != nullptr && t->is_string()) {
        std::string iso = normalise_date(t->text);
        // The report's own rows give the account; recorded without one, the joins apply it to the
        // account when the inputs hold a single account.
        ld.report_times.emplace_back(std::string(), iso.empty() ? t->text.str() : iso);
    }
    report_reader(ld, *csv, true, content->pos).run();
}

}  // namespace iamguard::entity::detail
