// SPDX-License-Identifier: Apache-2.0
// A tiny host program: parses a policy with the installed iamguard and prints what it found.
#include <iostream>

#include <iamguard/policy/parse.hpp>

int main() {
    const auto r = iamguard::policy::parse(
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})");
    if (!r.ok() || r.doc->statements.size() != 1) {
        std::cerr << "host: unexpected parse result\n";
        return 1;
    }
    const auto bad = iamguard::policy::parse(R"({"Statement":[{"Effect":"Allow"}]})");
    if (bad.ok()) {
        std::cerr << "host: a policy without Action was accepted\n";
        return 1;
    }
    std::cout << "host: parsed 1 statement; " << iamguard::render_short(bad.diagnostics.back()) << '\n';
    return 0;
}
