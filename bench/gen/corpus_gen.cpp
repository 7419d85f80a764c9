// SPDX-License-Identifier: Apache-2.0
// corpus_gen.cpp: a deterministic, seeded generator of large IAM accounts for the benchmarks.
//
//   corpus_gen --roles N [--seed S] [--out DIR] [--max-items K] [--pages] [--jsonl]
//
// Writes DIR/authz/page-NNNNN.json, the output of `aws iam get-account-authorization-details`
// split in pages of at most K items (users, then groups, then roles, then managed policies, as
// the API returns them; every page but the last has `"IsTruncated": true` and a `Marker`), and
// DIR/entities.jsonl, the same account as canonical JSON Lines (one entity per line).
//
// The shapes follow the AWS managed policies (bench/gen/shape_stats.py prints the statistics used
// below; bench/RESULTS.md records them): statements per document, actions and resources per
// statement, the share of statements with a Condition and the frequency of each condition
// operator, Sid/Deny/NotAction shares. Trust-policy principal forms are not in managed policies;
// their mix is stated in principal_form() below. Customer policies are kept under the IAM size
// quotas (6,144 characters for managed policies, 10,240 for a role's inline policies).
//
// Every entity is drawn from its own random stream, seeded by (seed, kind, index): the output does
// not depend on the page size or on the order of generation, and the same seed gives the same bytes.
//
// The JSON Lines form is produced by iamguard itself: each batch of users or roles is written as
// an authorization-details text with the groups and managed policies it references, loaded with
// the joins, and its entities are written with to_canonical_json(), so lines carry their
// `combinedPolicies`. The joins that need the whole account (the `users`/`groups`/`roles` of a
// managed policy, the `users` of a group, the account's `stats`) are filled in from the
// generator's own bookkeeping. For 1,000 roles, the lines equal those of
// `iamguard entities authz/page-*.json` (bench/run-all.sh checks it).
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <iamguard/entity/canonical.hpp>
#include <iamguard/entity/load.hpp>

namespace {

// ---- randomness: splitmix64, so that the stream is the same with every standard library ----

class rng {
public:
    explicit rng(std::uint64_t seed) : s_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, n).
    std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
    /// Uniform in [0, 1).
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return unit() < p; }
    template <class T>
    const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }

private:
    std::uint64_t s_;
};

enum class kind : std::uint64_t { role = 1, user, group, policy, aws_policy };

rng stream(std::uint64_t seed, kind k, std::uint64_t index) {
    rng r(seed * 0x100000001b3ULL ^ (static_cast<std::uint64_t>(k) << 56) ^ index);
    r.next();
    return r;
}

// An empirical distribution given by quantiles (from shape_stats.py): the value at cumulative
// share q; values between two quantiles are drawn uniformly between theirs.
struct quantile_point {
    double q;
    double value;
};
using quantiles = std::vector<quantile_point>;

int draw(rng& r, const quantiles& qs) {
    const double u = r.unit();
    double lo_q = 0, lo_v = qs.front().value;
    for (const auto& p : qs) {
        if (u <= p.q) {
            const double t = p.q > lo_q ? (u - lo_q) / (p.q - lo_q) : 0;
            return static_cast<int>(lo_v + t * (p.value - lo_v) + 0.5);
        }
        lo_q = p.q;
        lo_v = p.value;
    }
    return static_cast<int>(qs.back().value);
}

// The AWS managed policies (1,523 documents, 7,972 statements; shape_stats.py).
const quantiles statements_per_doc = {{0.1, 1}, {0.25, 1}, {0.5, 2}, {0.75, 5}, {0.9, 11}, {0.99, 44}, {1.0, 162}};
const quantiles actions_per_statement = {{0.1, 1}, {0.25, 1}, {0.5, 2}, {0.75, 4}, {0.9, 9}, {0.99, 58}, {1.0, 300}};
const quantiles resources_per_statement = {{0.75, 1}, {0.9, 2}, {0.99, 7}, {1.0, 20}};
const quantiles operators_per_condition = {{0.75, 1}, {0.9, 2}, {0.99, 3}, {1.0, 4}};
const quantiles keys_per_clause = {{0.75, 1}, {0.9, 2}, {0.99, 3}, {1.0, 5}};
const quantiles values_per_key = {{0.75, 1}, {0.9, 2}, {0.99, 6}, {1.0, 12}};
constexpr double share_sid = 0.668, share_deny = 0.010, share_not_action = 0.002, share_not_resource = 0.002,
                 share_resource_star = 0.491, share_action_list = 0.849, share_condition = 0.408;

struct weighted_operator {
    const char* name;
    double weight;
};
// Share of condition clauses per operator in the managed policies (the 16 most frequent).
const std::vector<weighted_operator> operators = {
    {"StringEquals", 0.483},          {"StringLike", 0.161},           {"Null", 0.110},
    {"ForAnyValue:StringEquals", 0.071}, {"ForAllValues:StringEquals", 0.040}, {"ArnLike", 0.030},
    {"Bool", 0.024},                  {"StringNotEquals", 0.020},      {"ForAllValues:StringLike", 0.018},
    {"ForAnyValue:StringLike", 0.009}, {"StringEqualsIfExists", 0.009}, {"ArnEquals", 0.008},
    {"StringEqualsIgnoreCase", 0.006}, {"StringLikeIfExists", 0.004},  {"ArnNotLike", 0.001},
    {"ForAllValues:ArnEquals", 0.001},
};

const std::vector<std::string> services = {"s3", "ec2", "lambda", "dynamodb", "sqs", "sns", "logs", "cloudwatch",
                                           "kms", "ssm", "secretsmanager", "ecr", "ecs", "iam", "sts", "rds",
                                           "kinesis", "glue", "athena", "states", "events", "elasticloadbalancing",
                                           "autoscaling", "cloudformation", "route53", "apigateway", "sagemaker"};
const std::vector<std::string> verbs = {"Get", "List", "Describe", "Put", "Create", "Delete", "Update", "Tag",
                                        "Untag", "Start", "Stop", "Invoke", "Batch"};
const std::vector<std::string> nouns = {"Object", "Bucket", "Instance", "Function", "Table", "Item", "Queue",
                                        "Topic", "LogEvents", "MetricData", "Key", "Parameter", "Secret",
                                        "Image", "Task", "Cluster", "Stream", "Job", "Rule", "Stack", "Record"};
// IAM actions some policies grant, so that the shipped rules have something to find.
const std::vector<std::string> iam_actions = {"iam:ListMFADevices", "iam:EnableMFADevice", "iam:DeactivateMFADevice",
                                              "iam:GetRole", "iam:PassRole", "iam:ListRoles", "iam:*", "iam:*MFA*"};

// ---- JSON writing ----

void quoted(std::string& out, std::string_view s) {
    out += '"';
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

void key(std::string& out, std::string_view k) {
    quoted(out, k);
    out += ':';
}

std::string pad(std::uint64_t n, int width) {
    std::string s = std::to_string(n);
    if (static_cast<int>(s.size()) < width) s.insert(0, static_cast<std::size_t>(width - static_cast<int>(s.size())), '0');
    return s;
}

// A stable identifier of the IAM form (`AROA` + 17 characters) derived from the index.
std::string iam_id(std::string_view prefix, std::uint64_t seed, std::uint64_t index) {
    static constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a of the prefix: the same on every platform
    for (char c : prefix) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    rng r(seed ^ (index * 0x9e3779b97f4a7c15ULL) ^ h);
    std::string s(prefix);
    for (int i = 0; i < 17; ++i) s += alphabet[r.below(alphabet.size())];
    return s;
}

std::string date(rng& r, int first_year) {
    const int year = first_year + static_cast<int>(r.below(static_cast<std::uint64_t>(2026 - first_year)));
    return std::to_string(year) + "-" + pad(1 + r.below(12), 2) + "-" + pad(1 + r.below(28), 2) + "T" +
           pad(r.below(24), 2) + ":" + pad(r.below(60), 2) + ":" + pad(r.below(60), 2) + "+00:00";
}

std::string uuid(rng& r) {
    static constexpr std::string_view hex = "0123456789abcdef";
    std::string s;
    for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20) s += '-';
        s += hex[r.below(16)];
    }
    return s;
}

// ---- policy documents ----

struct account_info {
    std::uint64_t seed = 1;
    std::string id;  // 12 digits
};

void string_or_list(std::string& out, const std::vector<std::string>& values, bool as_list) {
    if (values.size() == 1 && !as_list) {
        quoted(out, values[0]);
        return;
    }
    out += '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i != 0) out += ',';
        quoted(out, values[i]);
    }
    out += ']';
}

std::string action(rng& r) {
    const double u = r.unit();
    if (u < 0.004) return "*";
    if (u < 0.014) return r.pick(iam_actions);
    const std::string& svc = r.pick(services);
    if (u < 0.064) return svc + ":*";
    if (u < 0.10) return svc + ":" + r.pick(verbs) + "*";
    return svc + ":" + r.pick(verbs) + r.pick(nouns);
}

std::string resource(rng& r, const account_info& acct) {
    const std::string& svc = r.pick(services);
    const std::string n = std::to_string(r.below(10000));
    if (svc == "s3") return "arn:aws:s3:::bucket-" + n + (r.chance(0.5) ? "/*" : "");
    if (svc == "iam") return "arn:aws:iam::" + acct.id + ":role/app-" + n;
    return "arn:aws:" + svc + ":us-east-1:" + acct.id + ":" + r.pick(nouns) + "/res-" + n + (r.chance(0.3) ? "*" : "");
}

const char* pick_operator(rng& r) {
    double u = r.unit() * 0.995;  // the weights of the 16 operators listed sum to 0.995
    for (const auto& op : operators) {
        if (u < op.weight) return op.name;
        u -= op.weight;
    }
    return operators.front().name;
}

// A condition key and values that fit the operator's family.
void condition_entry(std::string& out, rng& r, std::string_view op, const account_info& acct) {
    const int values = draw(r, values_per_key);
    std::vector<std::string> v;
    std::string k;
    if (op == "Null") {
        k = r.chance(0.5) ? "aws:RequestTag/team-" + std::to_string(r.below(20)) : "aws:ResourceTag/env";
        v.push_back(r.chance(0.6) ? "false" : "true");
    } else if (op == "Bool") {
        k = r.chance(0.6) ? "aws:SecureTransport" : "aws:MultiFactorAuthPresent";
        v.push_back(r.chance(0.8) ? "true" : "false");
    } else if (op.find("Arn") != std::string_view::npos) {
        k = r.chance(0.5) ? "aws:PrincipalArn" : "aws:SourceArn";
        for (int i = 0; i < values; ++i)
            v.push_back("arn:aws:iam::" + acct.id + ":role/" + (op.find("Like") != std::string_view::npos ? "svc-*" : "svc-" + std::to_string(r.below(500))));
    } else if (op.find("ForAllValues") != std::string_view::npos || op.find("ForAnyValue") != std::string_view::npos) {
        k = r.chance(0.7) ? "aws:TagKeys" : "aws:CalledVia";
        for (int i = 0; i < values; ++i) v.push_back(k == "aws:TagKeys" ? "tag-" + std::to_string(r.below(40)) : r.pick(services) + ".amazonaws.com");
    } else {
        switch (r.below(5)) {
            case 0:
                k = "aws:PrincipalAccount";
                v.push_back(acct.id);
                break;
            case 1:
                k = "aws:RequestedRegion";
                for (int i = 0; i < values; ++i) v.push_back(i % 2 == 0 ? "us-east-1" : "eu-west-1");
                break;
            case 2:
                k = "aws:ResourceTag/env";
                for (int i = 0; i < values; ++i) v.push_back(i % 2 == 0 ? "prod" : "staging");
                break;
            case 3:
                k = "s3:prefix";
                for (int i = 0; i < values; ++i) v.push_back("home/" + std::to_string(r.below(100)) + (op.find("Like") != std::string_view::npos ? "/*" : ""));
                break;
            default:
                k = "aws:SourceVpc";
                for (int i = 0; i < values; ++i) v.push_back("vpc-" + pad(r.below(100000000), 8));
                break;
        }
    }
    key(out, k);
    string_or_list(out, v, r.chance(0.5));
}

void statement(std::string& out, rng& r, std::size_t index, const account_info& acct) {
    out += '{';
    if (r.chance(share_sid)) {
        key(out, "Sid");
        quoted(out, "Stmt" + std::to_string(index));
        out += ',';
    }
    key(out, "Effect");
    quoted(out, r.chance(share_deny) ? "Deny" : "Allow");
    out += ',';
    std::vector<std::string> acts;
    for (int i = std::max(1, draw(r, actions_per_statement)); i > 0; --i) acts.push_back(action(r));
    key(out, r.chance(share_not_action) ? "NotAction" : "Action");
    string_or_list(out, acts, r.chance(share_action_list));
    out += ',';
    key(out, r.chance(share_not_resource) ? "NotResource" : "Resource");
    if (r.chance(share_resource_star)) {
        quoted(out, "*");
    } else {
        std::vector<std::string> res;
        for (int i = std::max(1, draw(r, resources_per_statement)); i > 0; --i) res.push_back(resource(r, acct));
        string_or_list(out, res, r.chance(0.5));
    }
    if (r.chance(share_condition)) {
        out += ',';
        key(out, "Condition");
        out += '{';
        std::set<std::string> used;
        for (int i = std::max(1, draw(r, operators_per_condition)); i > 0; --i) used.insert(pick_operator(r));
        bool first = true;
        for (const auto& op : used) {
            if (!first) out += ',';
            first = false;
            key(out, op);
            out += '{';
            std::string body;
            std::set<std::string> keys_seen;
            const int n = std::max(1, draw(r, keys_per_clause));
            for (int k = 0; k < n; ++k) {
                std::string entry;
                condition_entry(entry, r, op, acct);
                const std::string name = entry.substr(0, entry.find("\":") + 1);
                if (!keys_seen.insert(name).second) continue;  // one value per key in an object
                if (!body.empty()) body += ',';
                body += entry;
            }
            out += body;
            out += '}';
        }
        out += '}';
    }
    out += '}';
}

// A permission policy, kept under `limit` characters (IAM's quota for its kind).
std::string permission_policy(rng& r, const account_info& acct, std::size_t limit) {
    const int n = std::max(1, draw(r, statements_per_doc));
    std::string out = R"({"Version":"2012-10-17","Statement":[)";
    for (int i = 0; i < n; ++i) {
        std::string s;
        statement(s, r, static_cast<std::size_t>(i), acct);
        if (i > 0 && out.size() + s.size() + 3 > limit) break;
        if (i > 0) out += ',';
        out += s;
    }
    out += "]}";
    return out;
}

// The trust policy's principal forms (not in managed policies; chosen to resemble an account
// with service roles, cross-account access, SSO/SAML and CI federation):
//   55% a service, 12% a role or the root of the same account, 18% another account's root (2/3 of
//   them with an external ID, a UUID or a guessable value), 4% several accounts, 10% a federated
//   provider (SAML or OIDC with an audience condition), 1% `*` with an organisation condition.
std::string trust_policy(rng& r, const account_info& acct, std::uint64_t role_index) {
    std::string out = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{)";
    std::string act = "sts:AssumeRole", cond;
    const double u = r.unit();
    const std::string other = pad(100000000000ULL + r.below(900000000000ULL), 12);
    if (u < 0.55) {
        key(out, "Service");
        string_or_list(out, {r.pick(std::vector<std::string>{"ec2", "lambda", "ecs-tasks", "glue", "states", "events"}) +
                             ".amazonaws.com"}, r.chance(0.2));
    } else if (u < 0.67) {
        key(out, "AWS");
        quoted(out, r.chance(0.5) ? "arn:aws:iam::" + acct.id + ":root"
                                  : "arn:aws:iam::" + acct.id + ":role/ci-" + std::to_string(r.below(50)));
    } else if (u < 0.85) {
        key(out, "AWS");
        quoted(out, r.chance(0.5) ? "arn:aws:iam::" + other + ":root" : other);
        const double e = r.unit();
        if (e < 0.5) cond = R"("StringEquals":{"sts:ExternalId":")" + uuid(r) + "\"}";
        else if (e < 0.6) cond = R"("StringEquals":{"sts:ExternalId":")" + other + "\"}";  // guessable
        else if (e < 0.67) cond = R"("StringEquals":{"sts:ExternalId":"shared-)" + std::to_string(role_index % 7) + "\"}";
        else if (e < 0.75) cond = R"("Bool":{"aws:MultiFactorAuthPresent":"true"})";
    } else if (u < 0.89) {
        key(out, "AWS");
        std::vector<std::string> accts;
        for (int i = 1 + static_cast<int>(r.below(4)); i > 0; --i)
            accts.push_back("arn:aws:iam::" + pad(100000000000ULL + r.below(900000000000ULL), 12) + ":root");
        string_or_list(out, accts, true);
        cond = R"("StringEquals":{"sts:ExternalId":")" + uuid(r) + "\"}";
    } else if (u < 0.99) {
        key(out, "Federated");
        if (r.chance(0.5)) {
            quoted(out, "arn:aws:iam::" + acct.id + ":saml-provider/corp-idp");
            act = "sts:AssumeRoleWithSAML";
            cond = R"("StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"})";
        } else {
            quoted(out, "arn:aws:iam::" + acct.id + ":oidc-provider/token.actions.githubusercontent.com");
            act = "sts:AssumeRoleWithWebIdentity";
            cond = R"("StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},)"
                   R"("StringLike":{"token.actions.githubusercontent.com:sub":"repo:corp/app-)" +
                   std::to_string(r.below(100)) + ":*\"}";
        }
    } else {
        key(out, "AWS");
        quoted(out, "*");
        cond = R"("StringEquals":{"aws:PrincipalOrgID":"o-)" + pad(r.below(10000000000ULL), 10) + "\"}";
    }
    out += "},\"Action\":";
    quoted(out, act);
    if (!cond.empty()) out += ",\"Condition\":{" + cond + "}";
    out += "}]}";
    return out;
}

// ---- entities of the authorization-details dump ----

struct managed_policy {
    std::string name, arn, document;
    std::uint64_t attachments = 0;
    bool aws = false;
};

struct corpus {
    account_info acct;
    std::uint64_t roles = 0, users = 0, groups = 0;
    std::vector<managed_policy> policies;  // customer managed first, then AWS managed
    std::size_t customer = 0;
    // The joins of the whole account, for the JSON Lines form: the identities each managed
    // policy is attached to, and the users of each group (indexes, ascending).
    std::vector<std::vector<std::uint32_t>> policy_users, policy_groups, policy_roles, group_users;
};

void tags(std::string& out, rng& r) {
    out += "\"Tags\":[";
    static const std::vector<std::string> keys = {"env", "team", "owner", "cost-center", "app"};
    const int n = static_cast<int>(r.below(4));
    for (int i = 0; i < n; ++i) {
        if (i != 0) out += ',';
        out += "{\"Key\":";
        quoted(out, keys[static_cast<std::size_t>(i)]);
        out += ",\"Value\":";
        quoted(out, i == 0 ? (r.chance(0.5) ? "prod" : "dev") : "v" + std::to_string(r.below(30)));
        out += '}';
    }
    out += ']';
}

// Picks up to `n` distinct managed policies; `used` collects their indexes.
std::vector<std::size_t> attached(rng& r, corpus& c, int n, std::set<std::size_t>* used) {
    std::set<std::size_t> pick;
    for (int i = 0; i < n; ++i) {
        // Half from the customer policies, half from the AWS managed ones.
        const bool aws = c.policies.size() > c.customer && r.chance(0.5);
        pick.insert(aws ? c.customer + r.below(c.policies.size() - c.customer) : r.below(c.customer));
    }
    if (used != nullptr) used->insert(pick.begin(), pick.end());
    return {pick.begin(), pick.end()};
}

void attached_list(std::string& out, const corpus& c, const std::vector<std::size_t>& ids) {
    out += "\"AttachedManagedPolicies\":[";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i != 0) out += ',';
        out += "{\"PolicyName\":";
        quoted(out, c.policies[ids[i]].name);
        out += ",\"PolicyArn\":";
        quoted(out, c.policies[ids[i]].arn);
        out += '}';
    }
    out += ']';
}

void inline_list(std::string& out, rng& r, const account_info& acct, std::string_view list_key, int n) {
    key(out, list_key);
    out += '[';
    for (int i = 0; i < n; ++i) {
        if (i != 0) out += ',';
        out += "{\"PolicyName\":";
        quoted(out, "inline-" + std::to_string(i));
        out += ",\"PolicyDocument\":" + permission_policy(r, acct, 10240 / static_cast<std::size_t>(n)) + '}';
    }
    out += ']';
}

int inline_count(rng& r) {
    const double u = r.unit();
    return u < 0.6 ? 0 : u < 0.9 ? 1 : 2 + static_cast<int>(r.below(2));
}

// Roles under /service-role/ (their ARNs carry the path).
bool service_role(const corpus& c, std::uint64_t i) { return stream(c.acct.seed, kind::role, i).chance(0.2); }

std::string role(corpus& c, std::uint64_t i, std::set<std::size_t>* used) {
    rng r = stream(c.acct.seed, kind::role, i);
    const bool service = r.chance(0.2);  // the first draw: service_role() repeats it
    const std::string path = service ? "/service-role/" : "/";
    const std::string name = "role-" + pad(i, 7);
    std::string out = "{\"Path\":";
    quoted(out, path);
    out += ",\"RoleName\":";
    quoted(out, name);
    out += ",\"RoleId\":";
    quoted(out, iam_id("AROA", c.acct.seed, i));
    out += ",\"Arn\":";
    quoted(out, "arn:aws:iam::" + c.acct.id + ":role" + path + name);
    out += ",\"CreateDate\":";
    quoted(out, date(r, 2016));
    out += ",\"AssumeRolePolicyDocument\":" + trust_policy(r, c.acct, i);
    if (r.chance(0.3)) {
        out += ",\"Description\":";
        quoted(out, "generated role " + std::to_string(i));
    }
    out += ",\"MaxSessionDuration\":" + std::string(r.chance(0.85) ? "3600" : "43200");
    out += ",\"InstanceProfileList\":[],";
    inline_list(out, r, c.acct, "RolePolicyList", inline_count(r));
    out += ',';
    attached_list(out, c, attached(r, c, static_cast<int>(r.below(4)), used));
    out += ',';
    tags(out, r);
    out += ",\"RoleLastUsed\":{";
    if (r.chance(0.7)) {
        out += "\"LastUsedDate\":";
        quoted(out, date(r, 2023));
        out += ",\"Region\":\"us-east-1\"";
    }
    out += "}}";
    return out;
}

std::uint64_t group_of(rng& r, const corpus& c) { return r.below(c.groups); }

std::string user(corpus& c, std::uint64_t i, std::set<std::size_t>* used, std::set<std::uint64_t>* groups_used) {
    rng r = stream(c.acct.seed, kind::user, i);
    const std::string name = "user-" + pad(i, 7);
    std::string out = "{\"Path\":\"/\",\"UserName\":";
    quoted(out, name);
    out += ",\"UserId\":";
    quoted(out, iam_id("AIDA", c.acct.seed, i));
    out += ",\"Arn\":";
    quoted(out, "arn:aws:iam::" + c.acct.id + ":user/" + name);
    out += ",\"CreateDate\":";
    quoted(out, date(r, 2014));
    out += ',';
    inline_list(out, r, c.acct, "UserPolicyList", inline_count(r) / 2);
    out += ",\"GroupList\":[";
    std::set<std::uint64_t> gs;
    for (int n = static_cast<int>(r.below(4)); n > 0; --n) gs.insert(group_of(r, c));
    bool first = true;
    for (auto g : gs) {
        if (!first) out += ',';
        first = false;
        quoted(out, "group-" + pad(g, 5));
        if (groups_used != nullptr) groups_used->insert(g);
    }
    out += "],";
    attached_list(out, c, attached(r, c, static_cast<int>(r.below(3)), used));
    out += ',';
    tags(out, r);
    out += '}';
    return out;
}

std::string group(corpus& c, std::uint64_t i, std::set<std::size_t>* used) {
    rng r = stream(c.acct.seed, kind::group, i);
    const std::string name = "group-" + pad(i, 5);
    std::string out = "{\"Path\":\"/\",\"GroupName\":";
    quoted(out, name);
    out += ",\"GroupId\":";
    quoted(out, iam_id("AGPA", c.acct.seed, i));
    out += ",\"Arn\":";
    quoted(out, "arn:aws:iam::" + c.acct.id + ":group/" + name);
    out += ",\"CreateDate\":";
    quoted(out, date(r, 2014));
    out += ',';
    inline_list(out, r, c.acct, "GroupPolicyList", inline_count(r) / 2);
    out += ',';
    attached_list(out, c, attached(r, c, 1 + static_cast<int>(r.below(3)), used));
    out += '}';
    return out;
}

std::string policy(const corpus& c, std::size_t i) {
    const managed_policy& p = c.policies[i];
    rng r = stream(c.acct.seed, p.aws ? kind::aws_policy : kind::policy, i);
    const std::string created = date(r, p.aws ? 2015 : 2017);
    std::string out = "{\"PolicyName\":";
    quoted(out, p.name);
    out += ",\"PolicyId\":";
    quoted(out, iam_id("ANPA", c.acct.seed, i));
    out += ",\"Arn\":";
    quoted(out, p.arn);
    out += ",\"Path\":\"/\",\"DefaultVersionId\":\"v1\",\"AttachmentCount\":" + std::to_string(p.attachments) +
           ",\"PermissionsBoundaryUsageCount\":0,\"IsAttachable\":true,\"CreateDate\":";
    quoted(out, created);
    out += ",\"UpdateDate\":";
    quoted(out, created);
    out += ",\"PolicyVersionList\":[{\"Document\":" + p.document + ",\"VersionId\":\"v1\",\"IsDefaultVersion\":true,\"CreateDate\":";
    quoted(out, created);
    out += "}]}";
    return out;
}

corpus make_corpus(std::uint64_t seed, std::uint64_t roles) {
    corpus c;
    c.acct.seed = seed;
    rng r(seed);
    c.acct.id = pad(100000000000ULL + r.below(900000000000ULL), 12);
    c.roles = roles;
    c.users = std::max<std::uint64_t>(1, roles / 5);
    c.groups = std::clamp<std::uint64_t>(roles / 200, 5, 500);
    c.customer = static_cast<std::size_t>(std::clamp<std::uint64_t>(roles / 50, 20, 2000));
    const std::size_t aws = 40;
    for (std::size_t i = 0; i < c.customer + aws; ++i) {
        managed_policy p;
        p.aws = i >= c.customer;
        rng pr = stream(seed, p.aws ? kind::aws_policy : kind::policy, i);
        p.name = p.aws ? "GenAwsManaged" + pad(i - c.customer, 3) : "policy-" + pad(i, 5);
        p.arn = p.aws ? "arn:aws:iam::aws:policy/" + p.name : "arn:aws:iam::" + c.acct.id + ":policy/" + p.name;
        p.document = permission_policy(pr, c.acct, p.aws ? 131072 : 6144);
        c.policies.push_back(std::move(p));
    }
    // AttachmentCount and the joins: one pass over the identities' draws (no text is kept).
    c.policy_users.resize(c.policies.size());
    c.policy_groups.resize(c.policies.size());
    c.policy_roles.resize(c.policies.size());
    c.group_users.resize(c.groups);
    std::set<std::size_t> used;
    std::set<std::uint64_t> groups;
    auto count = [&](std::vector<std::vector<std::uint32_t>>& lists, std::uint64_t who) {
        for (auto id : used) {
            ++c.policies[id].attachments;
            lists[id].push_back(static_cast<std::uint32_t>(who));
        }
    };
    for (std::uint64_t i = 0; i < c.users; ++i) {
        used.clear();
        groups.clear();
        (void)user(c, i, &used, &groups);
        count(c.policy_users, i);
        for (auto g : groups) c.group_users[g].push_back(static_cast<std::uint32_t>(i));
    }
    for (std::uint64_t i = 0; i < c.groups; ++i) {
        used.clear();
        (void)group(c, i, &used);
        count(c.policy_groups, i);
    }
    for (std::uint64_t i = 0; i < c.roles; ++i) {
        used.clear();
        (void)role(c, i, &used);
        count(c.policy_roles, i);
    }
    return c;
}

// ---- writers ----

class page_writer {
public:
    page_writer(std::filesystem::path dir, std::size_t max_items) : dir_(std::move(dir)), max_(max_items) {}

    void add(std::string_view list, std::string item) {
        if (count_ == max_) flush(true);
        if (list != list_) {
            close_list();
            list_ = std::string(list);
            if (text_.size() > 1) text_ += ',';
            key(text_, list_);
            text_ += '[';
            first_ = true;
        }
        if (!first_) text_ += ",\n";
        first_ = false;
        text_ += item;
        ++count_;
    }
    void finish() { flush(false); }
    std::size_t pages() const { return page_; }

private:
    void close_list() {
        if (!list_.empty()) text_ += ']';
    }
    void flush(bool truncated) {
        close_list();
        ++page_;
        // Lists absent from a page are written empty, as the API does.
        for (const char* l : {"UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"}) {
            if (text_.find(std::string("\"") + l + "\"") != std::string::npos) continue;
            if (text_.size() > 1) text_ += ',';
            key(text_, l);
            text_ += "[]";
        }
        text_ += truncated ? ",\"IsTruncated\":true,\"Marker\":\"" + marker() + "\"}\n" : ",\"IsTruncated\":false}\n";
        std::ofstream out(dir_ / ("page-" + pad(page_, 5) + ".json"), std::ios::binary);
        out << text_;
        text_ = "{";
        list_.clear();
        count_ = 0;
        first_ = true;
    }
    std::string marker() const {
        rng r(page_ * 7919);
        static constexpr std::string_view b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        std::string m;
        for (int i = 0; i < 64; ++i) m += b64[r.below(64)];
        return m;
    }

    std::filesystem::path dir_;
    std::size_t max_;
    std::string text_ = "{";
    std::string list_;
    std::size_t count_ = 0, page_ = 0;
    bool first_ = true;
};

void write_pages(corpus& c, const std::filesystem::path& dir, std::size_t max_items) {
    std::filesystem::create_directories(dir);
    for (const auto& f : std::filesystem::directory_iterator(dir))
        if (f.path().extension() == ".json") std::filesystem::remove(f.path());
    page_writer w(dir, max_items);
    for (std::uint64_t i = 0; i < c.users; ++i) w.add("UserDetailList", user(c, i, nullptr, nullptr));
    for (std::uint64_t i = 0; i < c.groups; ++i) w.add("GroupDetailList", group(c, i, nullptr));
    for (std::uint64_t i = 0; i < c.roles; ++i) w.add("RoleDetailList", role(c, i, nullptr));
    for (std::size_t i = 0; i < c.policies.size(); ++i) w.add("Policies", policy(c, i));
    w.finish();
    std::cerr << "corpus_gen: " << w.pages() << " pages in " << dir.string() << '\n';
}

// Loads an authorization-details text with the joins and appends the canonical lines of the
// entities of the types in `keep`.
using line_fix = std::function<void(const iamguard::entity::entity&, std::string&)>;

std::size_t append_lines(std::ostream& out, const std::string& text, std::initializer_list<iamguard::entity::entity_type> keep,
                         const line_fix& fix = {}) {
    iamguard::entity::load_options lo;
    lo.format = iamguard::entity::input_format::authorization_details;
    auto loaded = iamguard::entity::load(text, "generated", lo);
    for (const auto& d : loaded.diagnostics) {
        if (d.level == iamguard::severity::error) {
            std::cerr << "corpus_gen: internal error, the generated text does not load: " << d.message << '\n';
            std::exit(3);
        }
    }
    std::size_t n = 0;
    std::string line;
    for (const auto& e : loaded.entities) {
        if (std::find(keep.begin(), keep.end(), e.type) == keep.end()) continue;
        line = iamguard::entity::to_canonical_json(e);
        if (fix) fix(e, line);
        line += '\n';
        out << line;
        ++n;
    }
    return n;
}

// Appends `item` to a comma-separated list.
void append_item(std::string& list, const std::string& item) {
    if (!list.empty()) list += ',';
    list += item;
}

std::string policies_json(const corpus& c, const std::set<std::size_t>& ids) {
    std::string s = "\"Policies\":[";
    bool first = true;
    for (auto i : ids) {
        if (!first) s += ',';
        first = false;
        s += policy(c, i);
    }
    return s + "]";
}

// `"key":[{"arn":...,"name":...},...]`, as the joins write references.
std::string references(std::string_view list_key, std::string_view kind_name, const corpus& c,
                       const std::vector<std::uint32_t>& ids, int width) {
    std::string s;
    key(s, list_key);
    s += '[';
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i != 0) s += ',';
        const std::string name = std::string(kind_name) + "-" + pad(ids[i], width);
        s += "{\"arn\":";
        const bool service = kind_name == "role" && service_role(c, ids[i]);
        quoted(s, "arn:aws:iam::" + c.acct.id + ":" + std::string(kind_name) + (service ? "/service-role/" : "/") + name);
        s += ",\"name\":";
        quoted(s, name);
        s += '}';
    }
    s += ']';
    return s;
}

// Replaces `"key":[]` in a canonical line by `with`.
void fill(std::string& line, std::string_view list_key, const std::string& with) {
    const std::string empty = "\"" + std::string(list_key) + "\":[]";
    const auto at = line.find(empty);
    if (at == std::string::npos) {
        std::cerr << "corpus_gen: internal error, no empty `" << list_key << "` in a canonical line\n";
        std::exit(3);
    }
    line.replace(at, empty.size(), with);
}

void write_jsonl(corpus& c, const std::filesystem::path& file) {
    using iamguard::entity::entity_type;
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    std::size_t lines = 0;
    constexpr std::uint64_t batch = 256;
    std::set<std::size_t> used;
    std::set<std::uint64_t> groups_used;
    // The account first (as the joins of the whole dump make it), then users, roles, groups and
    // managed policies.
    out << "{\"type\":\"Account\",\"name\":\"" << c.acct.id << "\",\"accountId\":\"" << c.acct.id
        << "\",\"arn\":\"arn:aws:iam::" << c.acct.id << ":root\",\"stats\":{\"users\":" << c.users
        << ",\"roles\":" << c.roles << ",\"groups\":" << c.groups << ",\"policies\":" << c.customer << "}}\n";
    ++lines;
    for (std::uint64_t b = 0; b < c.users; b += batch) {
        used.clear();
        groups_used.clear();
        std::string users;
        for (std::uint64_t i = b; i < std::min(c.users, b + batch); ++i)
            append_item(users, user(c, i, &used, &groups_used));
        std::string groups;
        for (auto g : groups_used) append_item(groups, group(c, g, &used));
        lines += append_lines(out, "{\"UserDetailList\":[" + users + "],\"GroupDetailList\":[" + groups + "]," +
                                       policies_json(c, used) + "}", {entity_type::user});
    }
    for (std::uint64_t b = 0; b < c.roles; b += batch) {
        used.clear();
        std::string roles;
        for (std::uint64_t i = b; i < std::min(c.roles, b + batch); ++i)
            append_item(roles, role(c, i, &used));
        lines += append_lines(out, "{\"RoleDetailList\":[" + roles + "]," + policies_json(c, used) + "}", {entity_type::role});
    }
    used.clear();
    std::string groups;
    for (std::uint64_t g = 0; g < c.groups; ++g) append_item(groups, group(c, g, &used));
    std::uint64_t g = 0;
    lines += append_lines(out, "{\"GroupDetailList\":[" + groups + "]," + policies_json(c, used) + "}", {entity_type::group},
                          [&](const iamguard::entity::entity&, std::string& line) {
                              const auto at = line.find(",\"combinedPolicies\":");
                              line.insert(at == std::string::npos ? line.size() - 1 : at,
                                          "," + references("users", "user", c, c.group_users[g++], 7));
                          });
    // One policy at a time: with many identities, a policy's line holds thousands of references.
    for (std::size_t i = 0; i < c.policies.size(); ++i) {
        lines += append_lines(out, "{" + policies_json(c, {i}) + "}", {entity_type::policy},
                              [&](const iamguard::entity::entity&, std::string& line) {
                                  fill(line, "users", references("users", "user", c, c.policy_users[i], 7));
                                  fill(line, "groups", references("groups", "group", c, c.policy_groups[i], 5));
                                  fill(line, "roles", references("roles", "role", c, c.policy_roles[i], 7));
                              });
    }
    std::cerr << "corpus_gen: " << lines << " lines in " << file.string() << '\n';
}

int usage() {
    std::cerr << "usage: corpus_gen --roles N [--seed S] [--out DIR] [--max-items K] [--pages] [--jsonl]\n"
                 "  writes DIR/authz/page-NNNNN.json (pages of at most K items, default 1000) and/or\n"
                 "  DIR/entities.jsonl (canonical JSON Lines); both when neither --pages nor --jsonl is given\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::uint64_t roles = 0, seed = 1;
    std::size_t max_items = 1000;
    std::filesystem::path out = ".";
    bool pages = false, jsonl = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::cerr << "corpus_gen: `" << a << "` needs a value\n";
                std::exit(usage());
            }
            return argv[++i];
        };
        try {
            if (a == "--roles") roles = std::stoull(value());
            else if (a == "--seed") seed = std::stoull(value());
            else if (a == "--max-items") max_items = std::stoull(value());
            else if (a == "--out") out = value();
            else if (a == "--pages") pages = true;
            else if (a == "--jsonl") jsonl = true;
            else return usage();
        } catch (const std::exception&) {
            std::cerr << "corpus_gen: `" << a << "` needs a number\n";
            return 2;
        }
    }
    if (roles == 0 || max_items == 0) return usage();
    if (!pages && !jsonl) pages = jsonl = true;
    corpus c = make_corpus(seed, roles);
    std::cerr << "corpus_gen: account " << c.acct.id << ": " << c.roles << " roles, " << c.users << " users, "
              << c.groups << " groups, " << c.customer << " customer managed and " << c.policies.size() - c.customer
              << " AWS managed policies (seed " << seed << ")\n";
    std::filesystem::create_directories(out);
    if (pages) write_pages(c, out / "authz", max_items);
    if (jsonl) write_jsonl(c, out / "entities.jsonl");
    return 0;
}
