// SPDX-License-Identifier: Apache-2.0
// account_settings.cpp: account-wide settings for the Account entity: the password policy
// (`aws iam get-account-password-policy`), the account summary (`get-account-summary`) and the
// alias (`list-account-aliases`). None of them names the account; the joins attach them.
#include "entity/detail.hpp"
#include "entity/fields.hpp"

namespace iamguard::entity::detail {

void read_account_settings(loader& ld, const json::value& root) {
    const where w{"the account", {}};
    if (const json::value* pp = root.find("PasswordPolicy")) {
        json::value out = make_object(pp->pos);
        if (pp->is_object()) {
            set(out, "enabledInAccount", make_bool(true, pp->pos));
            const where pw{"the password policy", "PasswordPolicy"};
            copy_number(ld, out, "minPasswordLength", *pp, "MinimumPasswordLength", pw);
            copy_bool(ld, out, "requireSymbols", *pp, "RequireSymbols", pw);
            copy_bool(ld, out, "requireNumbers", *pp, "RequireNumbers", pw);
            copy_bool(ld, out, "requireUppercaseCharacter", *pp, "RequireUppercaseCharacters", pw);
            copy_bool(ld, out, "requireLowercaseCharacter", *pp, "RequireLowercaseCharacters", pw);
            copy_bool(ld, out, "allowUsersToChangePassword", *pp, "AllowUsersToChangePassword", pw);
            copy_bool(ld, out, "expirePasswords", *pp, "ExpirePasswords", pw);
            copy_number(ld, out, "maxPasswordAge", *pp, "MaxPasswordAge", pw);
            copy_number(ld, out, "passwordReusePrevention", *pp, "PasswordReusePrevention", pw);
            copy_bool(ld, out, "hardExpiry", *pp, "HardExpiry", pw);
        } else if (pp->is_null()) {  // a host recording NoSuchEntity: no policy set
            set(out, "enabledInAccount", make_bool(false, pp->pos));
        } else {
            ld.report(severity::error, codes::wrong_type,
                      "expected an object for `PasswordPolicy`, found " + std::string(json::to_string(pp->type)), pp->pos,
                      "PasswordPolicy");
            return;
        }
        ld.set_account_setting(root, "passwordPolicy", std::move(out));
    }
    if (const json::value* summary = object_at(ld, root, "SummaryMap", w)) {
        json::value stats = make_object(summary->pos);
        if (const json::value* mfa = summary->find("AccountMFAEnabled"); mfa != nullptr && mfa->is_number())
            set(stats, "accountMfaEnabled", make_bool(mfa->text != "0", mfa->pos));
        ld.set_account_setting(root, "stats", std::move(stats));
    }
    if (const json::value* aliases = list_at(ld, root, "AccountAliases", w)) {
        if (!aliases->items.empty() && aliases->items.front().is_string())
            ld.set_account_setting(root, "alias", aliases->items.front());
    }
}

}  // namespace iamguard::entity::detail
