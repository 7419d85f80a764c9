// SPDX-License-Identifier: Apache-2.0
// loader.cpp: diagnostics, policy parsing per the schema, and the joins made after all inputs.
#include "entity/detail.hpp"
#include "entity/fields.hpp"
#include "entity/pieces.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include <iamguard/policy/parse.hpp>

namespace iamguard::entity::detail {

diagnostic& loader::report(severity level, std::string_view code, std::string message, source_pos pos,
                           std::string path, std::string help) {
    diagnostic d;
    d.level = level;
    d.code = std::string(code);
    d.message = std::move(message);
    d.help = std::move(help);
    d.file = file;
    d.path = std::move(path);
    d.pos = pos;
    diags.push_back(std::move(d));
    return diags.back();
}

namespace {

std::size_t field_room(entity_type t) {
    switch (t) {
        case entity_type::role: return 16;
        case entity_type::policy: return 17;
        case entity_type::user: return 12;
        case entity_type::group: return 10;
        case entity_type::account: return 8;
    }
    return 16;
}

}  // namespace

entity& loader::add(entity_type t, std::string name, std::string arn, source_pos pos, std::string path) {
    entity e;
    e.type = t;
    e.name = std::move(name);
    e.arn = std::move(arn);
    e.account_id = account_of_arn(e.arn);
    e.from.file = file;
    e.from.pos = pos;
    e.from.path = std::move(path);
    e.fields = make_object(pos);
    // Room for the fields the authorization-details adapter and finish() set, so that adding
    // them does not move the members list four times over, and not much more: a loaded account's
    // members are most of its memory. (Measured on generated accounts: roles 14-15 fields, users
    // 10, groups 9, managed policies 15-16; a credential report adds a user's key and MFA fields,
    // which moves the list once.)
    e.fields.members.reserve(field_room(t));
    entities.push_back(std::move(e));
    return entities.back();
}

void loader::mark_incomplete(const json::value& root) {
    const json::value* cur = &root;
    for (;;) {
        incomplete.insert(cur);
        if (cur->is_array() && !cur->items.empty()) {
            cur = &cur->items.back();
        } else if (cur->is_object() && !cur->members.empty()) {
            cur = &cur->members.back().val;
        } else {
            return;
        }
    }
}

bool loader::skip_incomplete(const json::value& v, std::string_view what, std::string_view path) {
    if (incomplete.count(&v) == 0) return false;
    report(severity::warning, codes::missing_field,
           std::string(what) + " is cut short by the syntax error and was not loaded", v.pos, std::string(path));
    return true;
}

std::optional<policy::document> loader::parse_policy(json::value& node, std::string_view entity_label,
                                                     std::string_view path_prefix) {
    if (node.is_null()) return std::nullopt;
    policy::parse_options po;
    po.json = opts.json;
    return keep_policy(node, policy::from_json(node, po, path_prefix), entity_label);
}

std::optional<policy::document> loader::parse_entity_policy(json::value& node, const entity& e,
                                                            const std::string& path) {
    if (node.is_null()) return std::nullopt;
    policy::parse_options po;
    po.json = opts.json;
    auto r = policy::from_json(node, po);
    if (r.diagnostics.empty()) return keep_policy(node, std::move(r), {});
    // The diagnostics name the entity and the path in the input: parsed again with them. Only
    // documents with problems pay for it; the label and path strings of every policy of a large
    // account were a good part of loading it.
    const std::string* input = input_path(static_cast<std::size_t>(&e - entities.data()), path);
    const std::string prefix = input != nullptr ? *input : e.from.path.empty() ? path : e.from.path + "." + path;
    return parse_policy(node, label(e), prefix);
}

std::optional<policy::document> loader::keep_policy(json::value& node, policy::parse_result&& r,
                                                    std::string_view entity_label) {
    for (auto& d : r.diagnostics) {
        if (d.file.empty()) d.file = file;
        d.message += " (in ";
        d.message += entity_label;
        d.message += ')';
        diags.push_back(std::move(d));
    }
    if (!r.doc) {
        node = make_null(node.pos);
        return std::nullopt;
    }
    const source_pos at = node.pos;
    // Already normalised (canonical JSON Lines are): keep the tree rather than build a copy.
    if (!relocate_as_policy(node, *r.doc, at)) node = located_policy(*r.doc, at);
    return std::move(r.doc);
}

namespace {

const field* child_named(const std::vector<field>& fields, std::string_view name) {
    for (const auto& f : fields)
        if (f.name == name) return &f;
    return nullptr;
}

// `path` is the field's path, a buffer that each level extends and gives back (building a new
// string per member visited was most of the allocations of this walk).
void walk_policies(loader& ld, entity& e, json::value& v, const field& f, std::string& path) {
    const std::size_t len = path.size();
    switch (f.type) {
        case field_type::policy: {
            if (auto doc = ld.parse_entity_policy(v, e, path))
                e.policies.push_back(policy_slot::make(nullptr, path, std::make_shared<const policy::document>(std::move(*doc))));
            return;
        }
        case field_type::object:
            if (!v.is_object()) return;
            for (auto& m : v.members) {
                const field* c = child_named(f.children, m.key);
                if (c == nullptr) continue;
                path.append(".").append(m.key);
                walk_policies(ld, e, m.val, *c, path);
                path.resize(len);
            }
            return;
        case field_type::list:
            if (!v.is_array() || f.element.empty()) return;
            for (std::size_t i = 0; i < v.items.size(); ++i) {
                path.append("[").append(std::to_string(i)).append("]");
                walk_policies(ld, e, v.items[i], f.element.front(), path);
                path.resize(len);
            }
            return;
        default: return;
    }
}

}  // namespace

void loader::note_input_path(std::string canonical, std::string input) {
    if (entities.empty()) return;
    input_paths_[{entities.size() - 1, std::move(canonical)}] = std::move(input);
}

const std::string* loader::input_path(std::size_t index, const std::string& canonical) const {
    if (input_paths_.empty()) return nullptr;  // JSON Lines and canonical entities: names match
    auto it = input_paths_.find({index, canonical});
    return it == input_paths_.end() ? nullptr : &it->second;
}

void loader::parse_new_policies() {
    const schema& sc = schema::get();
    for (; parsed_upto_ < entities.size(); ++parsed_upto_) {
        entity& e = entities[parsed_upto_];
        if (!e.fields.is_object()) continue;
        std::string path;
        for (auto& m : e.fields.members) {
            if (const field* f = child_named(sc.fields(e.type), m.key)) {
                path.assign(m.key);
                walk_policies(*this, e, m.val, *f, path);
            }
        }
    }
    // Only the entities just parsed had their input paths asked for: freed now, by the thread
    // that made them (a reader of a parallel load), rather than node by node on the joining
    // thread at the end of the read (10^5 roles in pages: 84 ms).
    input_paths_.clear();
}

namespace {

template <class T>
void append(std::vector<T>& to, std::vector<T>& from) {
    if (to.empty() && to.capacity() < from.size()) {
        to = std::move(from);
    } else {
        // geometric growth: reserving the exact size would move every element absorbed so far
        // once per input
        if (to.capacity() < to.size() + from.size()) to.reserve(std::max(to.size() + from.size(), 2 * to.capacity()));
        for (auto& x : from) to.push_back(std::move(x));
    }
    from.clear();
}

}  // namespace

void loader::set_account_setting(const json::value& root, std::string_view key, json::value v) {
    if (!account_settings.is_object()) {
        account_settings = make_object(root.pos);
        account_settings_from = {file, root.pos, {}};
    }
    set(account_settings, key, std::move(v));
    note_setting_file(key, file);
}

void loader::note_setting_file(std::string_view key, std::string input) {
    for (auto& [k, f] : account_settings_files) {
        if (k == key) {
            f = std::move(input);
            return;
        }
    }
    account_settings_files.emplace_back(std::string(key), std::move(input));
}

void loader::absorb(loader&& part) {
    // Entities move without their nodes (json::cow_vector), so the policy slots that point into
    // their trees stay valid; their policies were parsed by `part`.
    append(entities, part.entities);
    parsed_upto_ = entities.size();
    append(diags, part.diags);
    append(attachments, part.attachments);
    append(inlines, part.inlines);
    append(memberships, part.memberships);
    append(keys, part.keys);
    append(report_times, part.report_times);
    if (part.account_settings.is_object()) {
        // as read_account_settings() does on the same loader: the first input that has settings
        // is where the Account entity's settings come from; later inputs set their fields
        if (!account_settings.is_object()) {
            account_settings = std::move(part.account_settings);
            account_settings_from = std::move(part.account_settings_from);
        } else {
            for (auto& m : part.account_settings.members) set(account_settings, m.key, std::move(m.val));
        }
        part.account_settings = json::value();
    }
    for (auto& [key, input] : part.account_settings_files) note_setting_file(key, std::move(input));
    part.account_settings_files.clear();
}

// ---- joins ----

namespace {

bool path_under(std::string_view path, std::string_view key) {
    return path.size() >= key.size() && path.compare(0, key.size(), key) == 0 &&
           (path.size() == key.size() || path[key.size()] == '.' || path[key.size()] == '[');
}

/// What makes two loaded entities one: a managed policy's ARN when it has one, else the type,
/// account and name. Views of the entity's own strings (no key is built per entity).
struct merge_key {
    entity_type type;
    bool by_arn;               ///< `name` is a managed policy's ARN, `account` empty
    std::string_view account;
    std::string_view name;
    bool operator==(const merge_key&) const = default;
};

merge_key merge_key_of(const entity& e) {
    if (e.type == entity_type::policy && !e.arn.empty()) return {e.type, true, {}, e.arn};
    return {e.type, false, e.account_id, e.name};
}

struct merge_key_hash {
    std::size_t operator()(const merge_key& k) const noexcept {
        const std::hash<std::string_view> h;
        return (h(k.name) * 31 + h(k.account)) * 8 + static_cast<std::size_t>(k.type) * 2 + (k.by_arn ? 1 : 0);
    }
};

/// Records that the nodes under `path` of `e` come from `file` (when that is not e's own input).
void note_file(entity& e, std::string path, const std::string& file) {
    if (file != e.from.file) e.field_files.emplace_back(std::move(path), file);
}

/// `list[i]`, the path of a list element.
std::string item_path(std::string_view list, std::size_t i) {
    std::string p(list);
    p += '[';
    p += std::to_string(i);
    p += ']';
    return p;
}

/// note_file() for element `i` of `list`, its path built only when it is noted: the joins add
/// hundreds of thousands of references, almost all from the entity's own input.
void note_item_file(entity& e, std::string_view list, std::size_t i, const std::string& file) {
    if (file != e.from.file) e.field_files.emplace_back(item_path(list, i), file);
}

/// The input of element `i` of `src`'s `list`; the path is built only when `src` has parts from
/// several inputs (most entities have none).
const std::string& file_of_item(const entity& src, std::string_view list, std::size_t i) {
    if (src.field_files.empty()) return src.from.file;
    return src.file_of(item_path(list, i));
}

void merge_into(entity& a, entity& b) {
    if (a.arn.empty()) a.arn = b.arn;
    for (auto& m : b.fields.members) {
        json::value* existing = a.fields.find(m.key);
        if (existing != nullptr && !existing->is_null()) continue;
        const std::string key = m.key;
        note_file(a, key, b.file_of(key));
        if (existing != nullptr) {
            *existing = std::move(m.val);
        } else {
            a.fields.members.push_back(std::move(m));
        }
        for (auto& slot : b.policies)
            if (path_under(slot.path, key)) a.policies.push_back(std::move(slot));
    }
}

json::value& array_member(json::value& obj, std::string_view key) {
    json::value* v = obj.find(key);
    if (v == nullptr || !v->is_array()) return set(obj, key, make_array(obj.pos));
    return *v;
}

json::value ref(std::string_view name, std::string_view arn, source_pos pos) {
    return reference(std::string(name), std::string(arn), pos);
}

bool has_ref(const json::value& list, std::string_view name, std::string_view arn) {
    for (const auto& item : list.items) {
        if (!arn.empty() && string_of(item, "arn") == arn) return true;
        if (string_of(item, "name") == name && (arn.empty() || string_of(item, "arn").empty())) return true;
    }
    return false;
}

using view_set = std::unordered_set<std::string_view>;

/// has_ref for a list that grows by many references (a managed policy's `roles`, a group's
/// `users`): a hash lookup instead of a scan, so joining n identities costs O(n), not O(n^2).
/// Knows the list's references when made and those add()ed since; nothing else may change it.
/// It keeps views: add() is given an entity's own name and ARN (which outlive the joins), and
/// the references already in the list are copied first (the list's strings move as it grows).
class ref_set {
public:
    explicit ref_set(const json::value& list) {
        for (const auto& item : list.items) {
            const std::string& name = copies_.emplace_back(string_of(item, "name"));
            add(name, copies_.emplace_back(string_of(item, "arn")));
        }
    }
    [[nodiscard]] bool has(std::string_view name, std::string_view arn) const {
        if (arn.empty()) return names_.count(name) != 0;
        return arns_.count(arn) != 0 || names_without_arn_.count(name) != 0;
    }
    /// `name` and `arn` must outlive the set.
    void add(std::string_view name, std::string_view arn) {
        names_.emplace(name);
        if (arn.empty()) {
            names_without_arn_.emplace(name);
        } else {
            arns_.emplace(arn);
        }
    }

private:
    std::deque<std::string> copies_;  // stable addresses
    view_set names_, arns_, names_without_arn_;
};

/// An entity's type and name, the key of the joins' name index. The name is a view of the
/// entity's own: the index is used while no entity is added (steps 3 to 6 of finish()).
struct typed_name {
    entity_type type;
    std::string_view name;
    bool operator==(const typed_name&) const = default;
};

struct typed_name_hash {
    std::size_t operator()(const typed_name& k) const noexcept {
        return std::hash<std::string_view>{}(k.name) * 31 + static_cast<std::size_t>(k.type);
    }
};

/// The ref_set of each list of one entity that a join adds to (a policy's `users`, `roles` and
/// `groups`), made on first use.
class ref_sets {
public:
    ref_set& of(const json::value& list) {
        auto it = sets_.find(&list);
        if (it == sets_.end()) it = sets_.emplace(&list, ref_set(list)).first;
        return it->second;
    }

private:
    // keyed by address: valid while no member is added to the objects holding the lists
    std::unordered_map<const json::value*, ref_set> sets_;
};

const policy_slot* slot_at(const entity& e, std::string_view path) {
    for (const auto& s : e.policies)
        if (s.path == path) return &s;
    return nullptr;
}

std::string_view list_name(entity_type t) {
    switch (t) {
        case entity_type::user: return "users";
        case entity_type::group: return "groups";
        default: return "roles";
    }
}

bool is_identity(entity_type t) {
    return t == entity_type::role || t == entity_type::user || t == entity_type::group;
}

// The joins' per-entity steps run in pieces of this many entities (pieces.hpp).
constexpr std::size_t entities_per_piece = 512;

std::size_t piece_count(const std::vector<entity>& entities) {
    return (entities.size() + entities_per_piece - 1) / entities_per_piece;
}

// The entities of piece `k`: [first, last).
std::pair<std::size_t, std::size_t> piece_range(const std::vector<entity>& entities, std::size_t k) {
    return {k * entities_per_piece, std::min(entities.size(), (k + 1) * entities_per_piece)};
}

// Header fields mirrored in `fields`, then policy slots pointed at their nodes (last: nothing
// moves the trees afterwards). Entity by entity: on `workers` threads (a node two entities
// share is copied by the one that changes it, json::cow_vector, whose counts are atomic).
void finalize(std::vector<entity>& entities, unsigned workers) {
    run_pieces(piece_count(entities), workers, [&](std::size_t k) {
        const auto [first, last] = piece_range(entities, k);
        for (std::size_t i = first; i < last; ++i) {
            entity& e = entities[i];
            if (!e.account_id.empty() && e.fields.find("accountId") == nullptr)
                set(e.fields, "accountId", make_string(e.account_id, e.fields.pos));
            for (auto& s : e.policies) s.node = resolve_path(e.fields, s.path);
            e.policies.erase(std::remove_if(e.policies.begin(), e.policies.end(),
                                            [](const policy_slot& s) { return s.node == nullptr; }),
                             e.policies.end());
            e.index_policies();
        }
    });
}

/// The array `key` of `e` when `e` is of type `t` and has one, else nullptr.
json::value* list_of(entity& e, entity_type t, std::string_view key) {
    if (e.type != t) return nullptr;
    json::value* list = e.fields.find(key);
    return list != nullptr && list->is_array() ? list : nullptr;
}

/// Fills member `key` of reference `r` with `text` when it is there and empty (a reference by
/// name gets the ARN of what it names).
void fill_empty(json::value& r, std::string_view key, const std::string& text) {
    if (json::value* m = r.find(key); m != nullptr && m->is_string() && m->text.empty()) m->text = text;
}

/// A reference that item `index` of a list of entity `source` (at `pos`) makes to entity `target`.
struct found_ref {
    std::size_t target;
    std::size_t source;
    std::size_t index;
    source_pos pos;
};

/// Appends to `list` (member `key` of `target`) a reference to `source`, made by item
/// `r.index` of the source's list `source_key`, unless `known` (the list's references) has it.
void add_back(entity& target, json::value& list, std::string_view key, ref_set& known, const entity& source,
              std::string_view source_key, const found_ref& r) {
    if (known.has(source.name, source.arn)) return;
    note_item_file(target, key, list.items.size(), file_of_item(source, source_key, r.index));
    list.items.push_back(ref(source.name, source.arn, r.pos));
    known.add(source.name, source.arn);
}

/// A join that makes entities list those that refer to them (a policy the identities it is
/// attached to, a group its members), on `workers` threads, with the result of one pass in
/// order: `find(i, out)` appends the references entity i makes (it may write to entity i only,
/// and read the others' names), then `add(t, refs, count)` is given, for every entity t, the
/// references to it in the order they were found (it may write to entity t only).
template <class Find, class Add>
void join_back(std::vector<entity>& entities, unsigned workers, Find find, Add add) {
    std::vector<std::vector<found_ref>> found(piece_count(entities));
    run_pieces(found.size(), workers, [&](std::size_t k) {
        const auto [first, last] = piece_range(entities, k);
        for (std::size_t i = first; i < last; ++i) find(i, found[k]);
    });
    // by target, keeping the order (a counting sort): the references to t start at start[t]
    std::vector<std::size_t> start(entities.size() + 1, 0);
    for (const auto& piece : found)
        for (const auto& r : piece) ++start[r.target + 1];
    for (std::size_t t = 1; t < start.size(); ++t) start[t] += start[t - 1];
    std::vector<found_ref> by_target(start.back());
    {
        std::vector<std::size_t> next(start.begin(), start.end() - 1);
        for (auto& piece : found) {
            for (const auto& r : piece) by_target[next[r.target]++] = r;
            piece = {};
        }
    }
    // Pieces of about equal work (an entity, plus one per reference to it): the targets are
    // few and together (the managed policies of a dump are in its pages' `Policies` lists),
    // so pieces of 512 entities would give all of them to one thread.
    const std::size_t budget = std::max(entities_per_piece, (entities.size() + by_target.size()) / (8 * std::size_t{workers}));
    std::vector<std::size_t> cuts{0};
    for (std::size_t t = 0, work = 0; t < entities.size(); ++t) {
        work += 1 + start[t + 1] - start[t];
        if (work >= budget || t + 1 == entities.size()) {
            cuts.push_back(t + 1);
            work = 0;
        }
    }
    run_pieces(cuts.size() - 1, workers, [&](std::size_t k) {
        for (std::size_t t = cuts[k]; t < cuts[k + 1]; ++t) add(t, by_target.data() + start[t], start[t + 1] - start[t]);
    });
}

}  // namespace

void loader::finish() {
    // 1. account ids (ARN first, then the host's default) and header fields
    for (auto& e : entities) {
        if (e.account_id.empty()) e.account_id = account_of_arn(e.arn);
        const bool aws_managed = e.arn.rfind("arn:aws:iam::aws:", 0) == 0;
        if (e.account_id.empty() && !aws_managed && e.type != entity_type::account) e.account_id = opts.account_id;
    }

    const unsigned workers = piece_workers(opts.threads, piece_count(entities));
    if (!opts.join) {
        finalize(entities, workers);
        return;
    }

    // 2. merge duplicates: pages of a dump, a user and its credential-report row
    {
        // Keys are views of the first entity of each key, which stays in place while the later
        // ones merge into it (merge_into() changes no string a key refers to); the merged ones
        // are then removed, keeping the order. Most inputs have none: nothing moves.
        std::unordered_map<merge_key, std::size_t, merge_key_hash> first;
        first.reserve(entities.size());
        std::vector<bool> merged;
        for (std::size_t i = 0; i < entities.size(); ++i) {
            const auto [it, fresh] = first.try_emplace(merge_key_of(entities[i]), i);
            if (fresh) continue;
            merge_into(entities[it->second], entities[i]);
            if (merged.empty()) merged.assign(entities.size(), false);
            merged[i] = true;
        }
        if (!merged.empty()) {
            first.clear();  // its views are of entities about to move
            std::size_t out = 0;
            for (std::size_t i = 0; i < entities.size(); ++i) {
                if (merged[i]) continue;
                if (out != i) entities[out] = std::move(entities[i]);
                ++out;
            }
            entities.erase(entities.begin() + static_cast<std::ptrdiff_t>(out), entities.end());
        }
    }

    // indexes by name (per type) and policies by ARN, of views into the entities (which neither
    // move nor change name until step 7 adds Account entities)
    // A name may be taken in several accounts (every account of an organisation may have a
    // group `admins`): `by_name` holds the first entity of each type and name, `same_name` the
    // others, so that a reference from an account finds the entity of that account.
    std::unordered_map<typed_name, std::size_t, typed_name_hash> by_name;
    std::unordered_multimap<typed_name, std::size_t, typed_name_hash> same_name;
    std::unordered_map<std::string_view, std::size_t> policy_by_arn;
    by_name.reserve(entities.size());
    for (std::size_t i = 0; i < entities.size(); ++i) {
        const entity& e = entities[i];
        if (!by_name.emplace(typed_name{e.type, e.name}, i).second) same_name.emplace(typed_name{e.type, e.name}, i);
        if (e.type == entity_type::policy && !e.arn.empty()) policy_by_arn.emplace(e.arn, i);
    }
    // The entity of type `t` named `name`: the one in `account` when there is one, else the first
    // (a reference without an account, e.g. from a template, takes the first).
    auto find_named = [&](entity_type t, std::string_view name, std::string_view account = {}) -> entity* {
        auto it = by_name.find(typed_name{t, name});
        if (it == by_name.end()) return nullptr;
        entity* first = &entities[it->second];
        if (account.empty() || first->account_id == account || same_name.empty()) return first;
        const auto [b, e] = same_name.equal_range(typed_name{t, name});
        for (auto o = b; o != e; ++o)
            if (entities[o->second].account_id == account) return &entities[o->second];
        return first;
    };

    // 3. inline policies, attachments and memberships given apart from their identity
    for (auto& in : inlines) {
        entity* id = find_named(in.identity, in.identity_name);
        if (id == nullptr) {
            diagnostic d;
            d.level = severity::warning;
            d.code = std::string(codes::unknown_reference);
            d.message = "inline policy `" + in.policy_name + "` names " + label(in.identity, in.identity_name) +
                        ", which is not in the input";
            d.file = in.file;
            d.pos = in.pos;
            diags.push_back(std::move(d));
            continue;
        }
        json::value& list = array_member(id->fields, "inlinePolicies");
        json::value item = make_object(in.pos);
        set(item, "name", make_string(in.policy_name, in.pos));
        set(item, "document", std::move(in.document));
        const std::string index = item_path("inlinePolicies", list.items.size());
        const std::string path = index + ".document";
        note_file(*id, index, in.file);
        list.items.push_back(std::move(item));
        if (in.doc)
            id->policies.push_back(policy_slot::make(nullptr, path, std::make_shared<const policy::document>(std::move(*in.doc))));
    }
    for (const auto& at : attachments) {
        entity* id = find_named(at.identity, at.identity_name);
        if (id == nullptr) {
            diagnostic d;
            d.level = severity::warning;
            d.code = std::string(codes::unknown_reference);
            d.message = "policy `" + (at.policy_name.empty() ? at.policy_arn : at.policy_name) + "` is attached to " +
                        label(at.identity, at.identity_name) + ", which is not in the input";
            d.file = at.file;
            d.pos = at.pos;
            diags.push_back(std::move(d));
            continue;
        }
        json::value& list = array_member(id->fields, "managedPolicies");
        if (!has_ref(list, at.policy_name, at.policy_arn)) {
            note_item_file(*id, "managedPolicies", list.items.size(), at.file);
            list.items.push_back(ref(at.policy_name, at.policy_arn, at.pos));
        }
    }
    for (const auto& mb : memberships) {
        entity* u = find_named(entity_type::user, mb.user);
        entity* g = find_named(entity_type::group, mb.group);
        if (u == nullptr || g == nullptr) {
            diagnostic d;
            d.level = severity::warning;
            d.code = std::string(codes::unknown_reference);
            d.message = "membership of user `" + mb.user + "` in group `" + mb.group + "` names " +
                        (u == nullptr ? label(entity_type::user, mb.user) : label(entity_type::group, mb.group)) +
                        ", which is not in the input";
            d.file = mb.file;
            d.pos = mb.pos;
            diags.push_back(std::move(d));
            continue;
        }
        json::value& groups = array_member(u->fields, "attachedGroups");
        if (!has_ref(groups, g->name, {})) {
            note_item_file(*u, "attachedGroups", groups.items.size(), mb.file);
            groups.items.push_back(ref(g->name, g->arn, mb.pos));
        }
    }

    for (const auto& k : keys) {
        entity* u = find_named(entity_type::user, k.user);
        if (u == nullptr) {
            diagnostic d;
            d.level = severity::warning;
            d.code = std::string(codes::unknown_reference);
            d.message = "access key of " + label(entity_type::user, k.user) + ", which is not in the input";
            d.file = k.file;
            d.pos = k.pos;
            diags.push_back(std::move(d));
            continue;
        }
        json::value& list = array_member(u->fields, "accessKeys");
        const std::size_t slot = list.items.size() + 1;
        json::value key = make_object(k.pos);
        set(key, "slot", make_integer(static_cast<std::int64_t>(slot), k.pos));
        set(key, "isActive", make_bool(k.active, k.pos));
        list.items.push_back(std::move(key));  // before set() below may move `list`
        note_item_file(*u, "accessKeys", slot - 1, k.file);
        if (slot <= 2) {
            const char* name = slot == 1 ? "firstAccessKey" : "secondAccessKey";
            json::value view = make_object(k.pos);
            set(view, "isActive", make_bool(k.active, k.pos));
            set(u->fields, name, std::move(view));
            note_file(*u, name, k.file);
        }
        set(u->fields, "hasAccessKeys", make_bool(true, k.pos));
        const json::value* any = u->fields.find("hasActiveAccessKeys");
        set(u->fields, "hasActiveAccessKeys", make_bool(k.active || (any != nullptr && any->is_bool() && any->boolean), k.pos));
    }

    // 4. group membership, both ways: each user in the `users` of its groups (of its own account),
    // then each group in the `attachedGroups` of its users (join_back(): on the load's threads,
    // as one pass would). `from` entities list, in `from_key`, entities of type `to` by name, which
    // get them back in `to_key`.
    auto join_members = [&](entity_type from, std::string_view from_key, entity_type to, std::string_view to_key,
                            bool same_account_only) {
        join_back(entities, workers,
                  [&](std::size_t i, std::vector<found_ref>& out) {
                      entity& e = entities[i];
                      json::value* list = list_of(e, from, from_key);
                      for (std::size_t j = 0; list != nullptr && j < list->items.size(); ++j) {
                          json::value& item = list->items[j];
                          const entity* t = find_named(to, string_of(item, "name"), e.account_id);
                          if (t == nullptr || (same_account_only && !t->account_id.empty() && !e.account_id.empty() &&
                                               t->account_id != e.account_id))
                              continue;
                          fill_empty(item, "arn", t->arn);
                          out.push_back({static_cast<std::size_t>(t - entities.data()), i, j, item.pos});
                      }
                  },
                  [&](std::size_t t, const found_ref* refs, std::size_t count) {
                      if (count == 0) return;
                      entity& target = entities[t];
                      json::value& list = array_member(target.fields, to_key);
                      ref_set known(list);
                      for (const found_ref* r = refs; r != refs + count; ++r)
                          add_back(target, list, to_key, known, entities[r->source], from_key, *r);
                  });
    };
    join_members(entity_type::user, "attachedGroups", entity_type::group, "users", true);
    join_members(entity_type::group, "users", entity_type::user, "attachedGroups", false);

    // 5. which identities each managed policy is attached to, and how many (join_back())
    auto find_policy = [&](std::string_view arn, std::string_view name, std::string_view account) -> entity* {
        if (!arn.empty()) {
            auto it = policy_by_arn.find(arn);
            return it == policy_by_arn.end() ? nullptr : &entities[it->second];
        }
        entity* p = find_named(entity_type::policy, name, account);
        return p;
    };
    for (auto& e : entities)
        if (e.type == entity_type::policy)
            for (std::string_view k : {"users", "roles", "groups"}) (void)array_member(e.fields, k);
    join_back(entities, workers,
              [&](std::size_t i, std::vector<found_ref>& out) {
                  entity& e = entities[i];
                  if (!is_identity(e.type)) return;
                  json::value* managed = e.fields.find("managedPolicies");
                  if (managed == nullptr || !managed->is_array()) return;
                  for (std::size_t j = 0; j < managed->items.size(); ++j) {
                      json::value& mref = managed->items[j];
                      const entity* p = find_policy(string_of(mref, "arn"), string_of(mref, "name"), e.account_id);
                      if (p == nullptr) continue;
                      fill_empty(mref, "arn", p->arn);
                      fill_empty(mref, "name", p->name);
                      out.push_back({static_cast<std::size_t>(p - entities.data()), i, j, mref.pos});
                  }
              },
              [&](std::size_t t, const found_ref* refs, std::size_t count) {
                  entity& p = entities[t];
                  if (p.type != entity_type::policy) return;
                  ref_sets attached;  // one per list (users, roles, groups)
                  for (const found_ref* r = refs; r != refs + count; ++r) {
                      const entity& e = entities[r->source];
                      json::value& list = array_member(p.fields, list_name(e.type));
                      add_back(p, list, list_name(e.type), attached.of(list), e, "managedPolicies", *r);
                  }
                  if (p.fields.find("attachmentCount") != nullptr) return;
                  std::size_t n = 0;
                  for (std::string_view key : {"users", "roles", "groups"}) n += p.fields.find(key)->items.size();
                  set(p.fields, "attachmentCount", make_integer(static_cast<std::int64_t>(n), p.fields.pos));
              });

    // 6. combinedPolicies: inline documents, then attached managed documents (users: then their groups')
    using file_notes = std::vector<std::pair<std::string, std::string>>;
    // `own` is the file of the identity being joined: notes are kept only for other inputs.
    auto append_from = [&](json::value& combined, std::vector<policy_slot>& slots, file_notes& files,
                           std::vector<const entity*>& joined, const entity& src, std::string_view group,
                           const std::string& own) {
        const json::value* inl = src.fields.find("inlinePolicies");
        if (inl != nullptr && inl->is_array()) {
            // by path, once: a slot_at() per inline policy would be quadratic in their number
            std::unordered_map<std::string_view, const policy_slot*> slot_of;
            for (const auto& s : src.policies) slot_of.emplace(s.path, &s);
            std::string path;  // reused across the list: its buffer is allocated once
            for (std::size_t i = 0; i < inl->items.size(); ++i) {
                path.assign("inlinePolicies[").append(std::to_string(i)).append("].document");
                const auto found = slot_of.find(path);
                const policy_slot* s = found == slot_of.end() ? nullptr : found->second;
                const json::value* node = inl->items[i].find("document");
                if (s == nullptr || node == nullptr) continue;
                json::value item = make_object(inl->items[i].pos);
                set(item, "name", make_string(std::string(string_of(inl->items[i], "name")), inl->items[i].pos));
                set(item, "source", make_string(group.empty() ? "inline" : "group-inline", inl->items[i].pos));
                if (!group.empty()) set(item, "group", make_string(std::string(group), inl->items[i].pos));
                // The entity's own inline document is already in its tree (`inlinePolicies`): a
                // shared copy would put the same nodes at two paths of one entity. A group's
                // document is shared with the group and its other members.
                set(item, "policyDocument", group.empty() ? json::unshared_copy(*node) : *node);
                const std::string index = "combinedPolicies[" + std::to_string(combined.items.size()) + "]";
                slots.push_back({nullptr, index + ".policyDocument", s->doc, s->cache});
                if (const std::string& f = file_of_item(src, "inlinePolicies", i); f != own) files.emplace_back(index, f);
                combined.items.push_back(std::move(item));
            }
        }
        const json::value* managed = src.fields.find("managedPolicies");
        if (managed != nullptr && managed->is_array()) {
            for (std::size_t j = 0; j < managed->items.size(); ++j) {
                const json::value& mref = managed->items[j];
                const entity* p = find_policy(string_of(mref, "arn"), string_of(mref, "name"), src.account_id);
                if (p == nullptr) continue;
                const policy_slot* s = slot_at(*p, "document");
                const json::value* node = p->fields.find("document");
                if (s == nullptr || node == nullptr) continue;
                json::value item = make_object(mref.pos);
                set(item, "name", make_string(p->name, mref.pos));
                set(item, "arn", make_string(p->arn, mref.pos));
                set(item, "source", make_string(group.empty() ? "managed" : "group-managed", mref.pos));
                if (!group.empty()) set(item, "group", make_string(std::string(group), mref.pos));
                // Shared with the managed policy and every identity it is attached to (O(1), see
                // json::cow_vector), unless this identity already holds it (directly and through
                // a group): then a copy, so that no node is at two paths of the entity.
                const bool first_here = std::find(joined.begin(), joined.end(), p) == joined.end();
                if (first_here) joined.push_back(p);
                set(item, "policyDocument", first_here ? *node : json::unshared_copy(*node));
                const std::string index = "combinedPolicies[" + std::to_string(combined.items.size()) + "]";
                slots.push_back({nullptr, index + ".policyDocument", s->doc, s->cache});
                if (const std::string& f = file_of_item(src, "managedPolicies", j); f != own) files.emplace_back(index, f);
                if (const std::string& f = p->file_of("document"); f != own) files.emplace_back(index + ".policyDocument", f);
                combined.items.push_back(std::move(item));
            }
        }
    };
    for (auto& e : entities) {
        if (!opts.combined_policies) break;
        if (!is_identity(e.type) || e.fields.find("combinedPolicies") != nullptr) continue;
        json::value combined = make_array(e.fields.pos);
        std::vector<policy_slot> slots;
        file_notes files;
        std::vector<const entity*> joined;  // managed policies already in `combined` (AWS quotas: at most 20 per identity and per group)
        append_from(combined, slots, files, joined, e, "", e.from.file);
        if (e.type == entity_type::user) {
            if (const json::value* groups = e.fields.find("attachedGroups"); groups != nullptr && groups->is_array()) {
                for (const auto& gref : groups->items) {
                    const entity* g = find_named(entity_type::group, string_of(gref, "name"), e.account_id);
                    if (g != nullptr) append_from(combined, slots, files, joined, *g, g->name, e.from.file);
                }
            }
        }
        set(e.fields, "combinedPolicies", std::move(combined));
        for (auto& s : slots) e.policies.push_back(std::move(s));
        for (auto& [path, input] : files) note_file(e, std::move(path), input);
    }

    // 7. one Account entity per account owning a loaded identity
    std::map<std::string, std::size_t> accounts;  // ordered: deterministic output
    for (std::size_t i = 0; i < entities.size(); ++i) {
        const entity& e = entities[i];
        if (e.type == entity_type::account) accounts.emplace(e.account_id, SIZE_MAX);
    }
    std::map<std::string, std::size_t> wanted;
    for (std::size_t i = 0; i < entities.size(); ++i) {
        const entity& e = entities[i];
        // try_emplace: no node made for the many identities of an account already wanted
        if (is_identity(e.type) && !e.account_id.empty() && accounts.count(e.account_id) == 0)
            wanted.try_emplace(e.account_id, i);
    }
    const bool settings = account_settings.is_object() && !account_settings.members.empty();
    if (settings && !opts.account_id.empty() && accounts.count(opts.account_id) == 0)
        wanted.emplace(opts.account_id, SIZE_MAX);  // settings of an account with no identity loaded
    // what each wanted account holds, in one pass over the entities (not one per account)
    struct holdings {
        std::int64_t users = 0, roles = 0, groups = 0, policies = 0;
        std::size_t root = SIZE_MAX;  // the (last) root user's index
    };
    std::map<std::string_view, holdings> held;
    for (const auto& w : wanted) held.emplace(w.first, holdings{});
    holdings* h = nullptr;
    for (std::size_t i = 0; i < entities.size(); ++i) {
        const entity& e = entities[i];
        if (i == 0 || e.account_id != entities[i - 1].account_id) {  // most neighbours share it
            const auto it = held.find(e.account_id);
            h = it == held.end() ? nullptr : &it->second;
        }
        if (h == nullptr) continue;
        switch (e.type) {
            case entity_type::user:
                if (const json::value* r = e.fields.find("isRoot"); r != nullptr && r->is_bool() && r->boolean) {
                    h->root = i;
                } else {
                    ++h->users;
                }
                break;
            case entity_type::role: ++h->roles; break;
            case entity_type::group: ++h->groups; break;
            case entity_type::policy: ++h->policies; break;
            default: break;
        }
    }
    for (const auto& [id, first_index] : wanted) {
        entity acct;
        acct.type = entity_type::account;
        acct.name = id;
        acct.account_id = id;
        acct.arn = "arn:aws:iam::" + id + ":root";
        acct.from = first_index == SIZE_MAX ? account_settings_from : entities[first_index].from;
        acct.from.path.clear();
        const source_pos p = acct.from.pos;
        acct.fields = make_object(p);
        set(acct.fields, "name", make_string(id, p));
        set(acct.fields, "accountId", make_string(id, p));
        set(acct.fields, "arn", make_string(acct.arn, p));
        const holdings& hold = held.at(id);
        const entity* root = hold.root == SIZE_MAX ? nullptr : &entities[hold.root];  // before this push_back
        for (const auto& [acct_id, when] : report_times) {
            if (acct_id == id || (acct_id.empty() && wanted.size() == 1)) {
                set(acct.fields, "credentialReportGeneratedTime", make_string(when, p));
                break;
            }
        }
        json::value stats = make_object(p);
        if (root != nullptr) {
            // a value at the account's own position: the root user's node lives in another input
            if (const json::value* mfa = root->fields.find("mfaActive"); mfa != nullptr && mfa->is_bool())
                set(stats, "accountMfaEnabled", make_bool(mfa->boolean, p));
        }
        set(stats, "users", make_integer(hold.users, p));
        set(stats, "roles", make_integer(hold.roles, p));
        set(stats, "groups", make_integer(hold.groups, p));
        set(stats, "policies", make_integer(hold.policies, p));
        set(acct.fields, "stats", std::move(stats));
        if (root != nullptr) {
            json::value ru = make_object(root->fields.pos);
            for (const auto& m : root->fields.members)
                if (m.key != "name" && m.key != "accountId" && m.key != "isRoot") ru.members.push_back(m);
            set(acct.fields, "rootUser", std::move(ru));
            note_file(acct, "rootUser", root->from.file);
        }
        entities.push_back(std::move(acct));
    }

    // 8. account settings (password policy, summary, alias) to their Account
    if (settings) {
        std::vector<entity*> targets;
        for (auto& e : entities)
            if (e.type == entity_type::account && (opts.account_id.empty() || e.account_id == opts.account_id))
                targets.push_back(&e);
        if (targets.size() != 1) {
            diagnostic d;
            d.level = severity::warning;
            d.code = std::string(codes::unknown_reference);
            d.message = targets.empty() ? "account settings were loaded but no account is known; give the account id"
                                        : "account settings were loaded for " + std::to_string(targets.size()) +
                                              " accounts; give the account id they belong to";
            d.file = account_settings_from.file;
            d.pos = account_settings_from.pos;
            diags.push_back(std::move(d));
        } else {
            entity& acct = *targets.front();
            // the settings' positions refer to their own inputs: file_of() must say which
            auto file_of_setting = [&](std::string_view key) -> const std::string& {
                for (const auto& [k, f] : account_settings_files)
                    if (k == key) return f;
                return account_settings_from.file;
            };
            for (auto& m : account_settings.members) {
                const std::string& input = file_of_setting(m.key);
                if (m.key == "stats") {
                    json::value* stats = acct.fields.find("stats");
                    if (stats == nullptr) stats = &set(acct.fields, "stats", make_object(m.val.pos));
                    for (auto& sm : m.val.members) {
                        if (stats->find(sm.key) != nullptr) continue;
                        note_file(acct, "stats." + sm.key, input);
                        stats->members.push_back(sm);
                    }
                    continue;
                }
                if (m.key == "alias" && m.val.is_string()) {
                    acct.name = m.val.text;
                    set(acct.fields, "name", m.val);
                    note_file(acct, "name", input);
                }
                set(acct.fields, m.key, m.val);
                note_file(acct, m.key, input);
            }
        }
    }

    finalize(entities, workers);
}

}  // namespace iamguard::entity::detail
