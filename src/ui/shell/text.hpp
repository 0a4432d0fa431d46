#pragma once
// ImGui wants NUL-terminated labels; the text table hands out string_views of string literals.
#include <string>
#include <string_view>

#include "core/accounts/actor.hpp"

namespace rs::ui {

// rs::tr(key) as a C string (the key itself, interned, when the table lacks it).
const char* T(std::string_view key);

// A document type as the screen names it ("doc_type.<code>"); `stored` is what the order holds
// (the Chinese name or the code); anything unknown is shown as it is.
// `short_form` for narrow columns ("Soc. sec." for "Social security card").
std::string doc_type_label(const std::string& stored, bool short_form = false);

// "translated###stable_id": the saved layout survives a language switch.
std::string titled(std::string_view key, std::string_view stable_id);

// "显示名（name）", or the name alone when the account has no other display name: who is signed
// in, as every workspace's menu bar shows it.
std::string signed_in_as(const accounts::Actor& who);

}  // namespace rs::ui
