// SPDX-License-Identifier: Apache-2.0
// 01_evaluate_request.cpp: may a partner's CI user assume our role? Cross-account, both sides
// must allow: our role's trust policy (the resource policy of sts:AssumeRole) and the caller's own
// identity policy. Policies are parsed and prepared once; requests are evaluated with AWS's
// semantics, and the trace says which statement decided.
#include <iostream>

#include <iamguard/diagnostic.hpp>
#include <iamguard/eval/evaluate.hpp>
#include <iamguard/eval/prepared_policy.hpp>
#include <iamguard/eval/request.hpp>
#include <iamguard/eval/trace.hpp>
#include <iamguard/policy/parse.hpp>

int main() {
    const char* trust_text = R"({
      "Version": "2012-10-17",
      "Statement": [{
        "Effect": "Allow",
        "Principal": {"AWS": "444455556666"},
        "Action": "sts:AssumeRole",
        "Condition": {"StringEquals": {"sts:externalid": "7f3c2a9e-4b1d-4c8e-9a6f-2d5e8b1c0f47"}}
      }]
    })";
    iamguard::policy::parse_options opts;
    opts.kind = iamguard::policy::policy_kind::trust;
    const auto parsed = iamguard::policy::parse(trust_text, opts);
    for (const auto& d : parsed.diagnostics) std::cerr << iamguard::render(d, trust_text);
    if (!parsed.ok()) return 1;

    const auto caller_policy = iamguard::policy::parse(R"({
      "Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::111122223333:role/Partner"}]
    })");
    if (!caller_policy.ok()) return 1;

    const iamguard::eval::prepared_policy trust(*parsed.doc, "Partner trust policy");  // once
    const iamguard::eval::prepared_policy ci_user(*caller_policy.doc, "ci user policy");
    iamguard::eval::policy_set set;
    set.resource = &trust;        // a role's trust policy is the resource policy of sts:AssumeRole
    set.identity = {&ci_user};    // the caller's identity policies, in its own account

    iamguard::eval::request req;
    req.principal = "arn:aws:iam::444455556666:user/ci";
    req.action = "sts:AssumeRole";
    req.resource = "arn:aws:iam::111122223333:role/Partner";
    req.resource_account = "111122223333";

    iamguard::eval::trace trace;  // reuse one per thread
    for (const char* external_id : {"", "guess", "7f3c2a9e-4b1d-4c8e-9a6f-2d5e8b1c0f47"}) {
        req.context = {};
        if (*external_id != '\0') req.context.set("sts:ExternalId", external_id);
        const auto decision = iamguard::eval::evaluate(set, req, &trace);
        std::cout << "external id `" << external_id << "`: "
                  << (decision == iamguard::eval::decision::allow ? "allow" : "deny") << '\n'
                  << iamguard::eval::to_text(trace);
    }
    return 0;
}
