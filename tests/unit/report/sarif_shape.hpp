// SPDX-License-Identifier: Apache-2.0
// sarif_shape.hpp: a structural check of a SARIF 2.1.0 log against the rules of the OASIS schema
// (sarif-schema-2.1.0.json) for every object iamguard writes: required properties, no property
// the schema does not define (the schema sets additionalProperties: false), value types, enums,
// minimums, unique items, and the spec's cross-checks (ruleIndex points at the rule named by
// ruleId; a level other than "none" only with kind "fail", SARIF §3.27.9).
#pragma once

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace iamguard::test::sarif {

using json = nlohmann::json;

/// Collects problems as `path: what`.
struct checker {
    std::vector<std::string> problems;

    void fail(const std::string& path, const std::string& what) { problems.push_back(path + ": " + what); }

    // j[key] without the assertion nlohmann makes on a missing key of a const object.
    static const json& at(const json& j, const std::string& key) {
        static const json missing;
        return j.is_object() && j.contains(key) ? j[key] : missing;
    }

    bool object(const json& j, const std::string& path, const std::set<std::string>& required,
                const std::set<std::string>& allowed) {
        if (!j.is_object()) {
            fail(path, "not an object");
            return false;
        }
        for (const auto& r : required)
            if (!j.contains(r)) fail(path, "missing required property `" + r + "`");
        for (const auto& [k, v] : j.items())
            if (!allowed.contains(k)) fail(path, "property `" + k + "` is not defined by the schema");
        return true;
    }

    void string(const json& j, const std::string& key, const std::string& path) {
        if (j.contains(key) && !j[key].is_string()) fail(path + "." + key, "not a string");
    }

    void integer_min(const json& j, const std::string& key, const std::string& path, long min) {
        if (!j.contains(key)) return;
        if (!j[key].is_number_integer()) fail(path + "." + key, "not an integer");
        else if (j[key].get<long>() < min) fail(path + "." + key, "below the minimum " + std::to_string(min));
    }

    void one_of(const json& j, const std::string& key, const std::string& path, const std::set<std::string>& values) {
        if (!j.contains(key)) return;
        if (!j[key].is_string() || !values.contains(j[key].get<std::string>())) fail(path + "." + key, "not an allowed value");
    }

    // An absolute URI (format "uri"): a scheme, then ':'.
    void uri(const json& j, const std::string& key, const std::string& path) {
        if (!j.contains(key)) return;
        const auto s = j[key].is_string() ? j[key].get<std::string>() : std::string();
        const auto colon = s.find(':');
        if (colon == std::string::npos || colon == 0 || s.find(' ') != std::string::npos) fail(path + "." + key, "not an absolute URI");
    }

    // A URI reference (format "uri-reference"): no spaces, no characters outside RFC 3986.
    void uri_reference(const json& j, const std::string& key, const std::string& path) {
        if (!j.contains(key)) return;
        if (!j[key].is_string()) return fail(path + "." + key, "not a string");
        for (const char c : j[key].get<std::string>()) {
            const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                            std::string_view("-._~:/?#[]@!$&'()*+,;=%").find(c) != std::string_view::npos;
            if (!ok) return fail(path + "." + key, "not a URI reference");
        }
    }

    void unique_array(const json& j, const std::string& key, const std::string& path) {
        if (!j.contains(key)) return;
        if (!j[key].is_array()) return fail(path + "." + key, "not an array");
        std::set<std::string> seen;
        for (const auto& item : j[key])
            if (!seen.insert(item.dump()).second) fail(path + "." + key, "items are not unique");
    }

    void array(const json& j, const std::string& key, const std::string& path) {
        if (j.contains(key) && !j[key].is_array()) fail(path + "." + key, "not an array");
    }

    void property_bag(const json& j, const std::string& path) {
        if (!j.is_object()) return fail(path, "not an object");
        if (j.contains("tags")) {
            unique_array(j, "tags", path);
            for (const auto& t : j["tags"])
                if (!t.is_string()) fail(path + ".tags", "a tag is not a string");
        }
    }

    void multiformat(const json& j, const std::string& path) {
        if (!object(j, path, {"text"}, {"text", "markdown", "properties"})) return;
        string(j, "text", path);
        string(j, "markdown", path);
    }

    void message(const json& j, const std::string& path) {
        if (!object(j, path, {}, {"text", "markdown", "id", "arguments", "properties"})) return;
        if (!j.contains("text") && !j.contains("id")) fail(path, "a message needs `text` or `id`");
        string(j, "text", path);
    }

    void region(const json& j, const std::string& path) {
        if (!object(j, path, {},
                    {"startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength", "byteOffset",
                     "byteLength", "snippet", "message", "sourceLanguage", "properties"}))
            return;
        integer_min(j, "startLine", path, 1);
        integer_min(j, "startColumn", path, 1);
        integer_min(j, "endLine", path, 1);
        integer_min(j, "endColumn", path, 1);
    }

    void artifact_location(const json& j, const std::string& path) {
        if (!object(j, path, {}, {"uri", "uriBaseId", "index", "description", "properties"})) return;
        uri_reference(j, "uri", path);
        integer_min(j, "index", path, -1);
    }

    void physical_location(const json& j, const std::string& path) {
        if (!object(j, path, {}, {"address", "artifactLocation", "region", "contextRegion", "properties"})) return;
        if (!j.contains("address") && !j.contains("artifactLocation"))
            fail(path, "a physicalLocation needs `address` or `artifactLocation`");
        if (j.contains("artifactLocation")) artifact_location(j["artifactLocation"], path + ".artifactLocation");
        if (j.contains("region")) region(j["region"], path + ".region");
    }

    void logical_location(const json& j, const std::string& path) {
        if (!object(j, path, {}, {"name", "index", "fullyQualifiedName", "decoratedName", "parentIndex", "kind", "properties"}))
            return;
        string(j, "name", path);
        string(j, "fullyQualifiedName", path);
        string(j, "kind", path);
    }

    void location(const json& j, const std::string& path) {
        if (!object(j, path, {},
                    {"id", "physicalLocation", "logicalLocations", "message", "annotations", "relationships", "properties"}))
            return;
        integer_min(j, "id", path, -1);
        if (j.contains("physicalLocation")) physical_location(j["physicalLocation"], path + ".physicalLocation");
        unique_array(j, "logicalLocations", path);
        if (j.contains("logicalLocations"))
            for (std::size_t i = 0; i < j["logicalLocations"].size(); ++i)
                logical_location(j["logicalLocations"][i], path + ".logicalLocations[" + std::to_string(i) + "]");
        if (j.contains("message")) message(j["message"], path + ".message");
    }

    void reporting_descriptor(const json& j, const std::string& path) {
        if (!object(j, path, {"id"},
                    {"id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames", "shortDescription",
                     "fullDescription", "messageStrings", "defaultConfiguration", "helpUri", "help", "relationships",
                     "properties"}))
            return;
        string(j, "id", path);
        string(j, "name", path);
        for (const char* k : {"shortDescription", "fullDescription", "help"})
            if (j.contains(k)) multiformat(j[k], path + "." + k);
        uri(j, "helpUri", path);
        if (j.contains("defaultConfiguration")) {
            const auto& c = j["defaultConfiguration"];
            const std::string p = path + ".defaultConfiguration";
            if (object(c, p, {}, {"enabled", "level", "rank", "parameters", "properties"}))
                one_of(c, "level", p, {"none", "note", "warning", "error"});
        }
        if (j.contains("properties")) property_bag(j["properties"], path + ".properties");
    }

    void result(const json& j, const std::string& path, const json& rules) {
        if (!object(j, path, {"message"},
                    {"ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget", "locations", "guid",
                     "correlationGuid", "occurrenceCount", "partialFingerprints", "fingerprints", "stacks", "codeFlows",
                     "graphs", "graphTraversals", "relatedLocations", "suppressions", "baselineState", "rank",
                     "attachments", "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest",
                     "webResponse", "properties"}))
            return;
        string(j, "ruleId", path);
        integer_min(j, "ruleIndex", path, -1);
        if (j.contains("ruleIndex") && j["ruleIndex"].is_number_integer() && j["ruleIndex"].get<long>() >= 0) {
            const auto i = j["ruleIndex"].get<std::size_t>();
            if (i >= rules.size()) fail(path + ".ruleIndex", "points past tool.driver.rules");
            else if (j.contains("ruleId") && at(rules[i], "id") != j["ruleId"])
                fail(path + ".ruleIndex", "names a rule other than `ruleId`");
        }
        one_of(j, "kind", path, {"notApplicable", "pass", "fail", "review", "open", "informational"});
        one_of(j, "level", path, {"none", "note", "warning", "error"});
        const std::string kind = j.value("kind", "fail");
        const std::string level = j.value("level", "warning");
        if (level != "none" && kind != "fail") fail(path, "level `" + level + "` requires kind `fail`");
        if (j.contains("message")) message(j["message"], path + ".message");
        array(j, "locations", path);
        if (j.contains("locations"))
            for (std::size_t i = 0; i < j["locations"].size(); ++i)
                location(j["locations"][i], path + ".locations[" + std::to_string(i) + "]");
        unique_array(j, "relatedLocations", path);
        if (j.contains("relatedLocations"))
            for (std::size_t i = 0; i < j["relatedLocations"].size(); ++i)
                location(j["relatedLocations"][i], path + ".relatedLocations[" + std::to_string(i) + "]");
        for (const char* k : {"partialFingerprints", "fingerprints"}) {
            if (!j.contains(k)) continue;
            if (!j[k].is_object()) fail(path + "." + k, "not an object");
            else
                for (const auto& [fk, fv] : j[k].items())
                    if (!fv.is_string()) fail(path + "." + k + "." + fk, "not a string");
        }
        if (j.contains("properties")) property_bag(j["properties"], path + ".properties");
    }

    void invocation(const json& j, const std::string& path) {
        if (!object(j, path, {"executionSuccessful"},
                    {"commandLine", "arguments", "responseFiles", "startTimeUtc", "endTimeUtc", "exitCode",
                     "ruleConfigurationOverrides", "notificationConfigurationOverrides", "toolExecutionNotifications",
                     "toolConfigurationNotifications", "exitCodeDescription", "exitSignalName", "exitSignalNumber",
                     "processStartFailureMessage", "executionSuccessful", "machine", "account", "processId",
                     "executableLocation", "workingDirectory", "environmentVariables", "stdin", "stdout", "stderr",
                     "stdoutStderr", "properties"}))
            return;
        if (!at(j, "executionSuccessful").is_boolean()) fail(path + ".executionSuccessful", "not a boolean");
        array(j, "toolExecutionNotifications", path);
        if (!j.contains("toolExecutionNotifications")) return;
        for (std::size_t i = 0; i < j["toolExecutionNotifications"].size(); ++i) {
            const auto& n = j["toolExecutionNotifications"][i];
            const std::string p = path + ".toolExecutionNotifications[" + std::to_string(i) + "]";
            if (!object(n, p, {"message"},
                        {"locations", "message", "level", "threadId", "timeUtc", "exception", "descriptor",
                         "associatedRule", "properties"}))
                continue;
            one_of(n, "level", p, {"none", "note", "warning", "error"});
            if (n.contains("message")) message(n["message"], p + ".message");
            unique_array(n, "locations", p);
            if (n.contains("locations"))
                for (std::size_t k = 0; k < n["locations"].size(); ++k)
                    location(n["locations"][k], p + ".locations[" + std::to_string(k) + "]");
        }
    }

    void log(const json& j) {
        if (!object(j, "$", {"version", "runs"}, {"$schema", "version", "runs", "inlineExternalProperties", "properties"}))
            return;
        uri(j, "$schema", "$");
        if (at(j, "version") != "2.1.0") fail("$.version", "not \"2.1.0\"");
        if (!at(j, "runs").is_array()) return fail("$.runs", "not an array");
        for (std::size_t r = 0; r < j["runs"].size(); ++r) {
            const auto& run = j["runs"][r];
            const std::string p = "$.runs[" + std::to_string(r) + "]";
            if (!object(run, p, {"tool"},
                        {"tool", "invocations", "conversion", "language", "versionControlProvenance",
                         "originalUriBaseIds", "artifacts", "logicalLocations", "graphs", "results",
                         "automationDetails", "runAggregates", "baselineGuid", "redactionTokens", "defaultEncoding",
                         "defaultSourceLanguage", "newlineSequences", "columnKind", "externalPropertyFileReferences",
                         "threadFlowLocations", "taxonomies", "addresses", "translations", "policies", "webRequests",
                         "webResponses", "specialLocations", "properties"}))
                continue;
            const auto& tool = at(run, "tool");
            if (!object(tool, p + ".tool", {"driver"}, {"driver", "extensions", "properties"})) continue;
            const auto& driver = at(tool, "driver");
            const std::string dp = p + ".tool.driver";
            if (!object(driver, dp, {"name"},
                        {"guid", "name", "organization", "product", "productSuite", "shortDescription",
                         "fullDescription", "fullName", "version", "semanticVersion", "dottedQuadFileVersion",
                         "releaseDateUtc", "downloadUri", "informationUri", "globalMessageStrings", "notifications",
                         "rules", "taxa", "locations", "language", "contents", "isComprehensive",
                         "localizedDataSemanticVersion", "minimumRequiredLocalizedDataSemanticVersion",
                         "associatedComponent", "translationMetadata", "supportedTaxonomies", "properties"}))
                continue;
            string(driver, "name", dp);
            string(driver, "version", dp);
            uri(driver, "informationUri", dp);
            unique_array(driver, "rules", dp);
            const json rules = driver.value("rules", json::array());
            for (std::size_t i = 0; i < rules.size(); ++i) reporting_descriptor(rules[i], dp + ".rules[" + std::to_string(i) + "]");
            array(run, "results", p);
            if (run.contains("results"))
                for (std::size_t i = 0; i < run["results"].size(); ++i)
                    result(run["results"][i], p + ".results[" + std::to_string(i) + "]", rules);
            array(run, "invocations", p);
            if (run.contains("invocations"))
                for (std::size_t i = 0; i < run["invocations"].size(); ++i)
                    invocation(run["invocations"][i], p + ".invocations[" + std::to_string(i) + "]");
            if (run.contains("properties")) property_bag(run["properties"], p + ".properties");
        }
    }
};

/// Every problem of `log`, empty when it is well-formed SARIF 2.1.0 (for the objects iamguard uses).
inline std::vector<std::string> check(const json& log) {
    checker c;
    c.log(log);
    return c.problems;
}

}  // namespace iamguard::test::sarif
