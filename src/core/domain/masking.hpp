#pragma once
// What of an applicant's name and ID number a screen shows to roles that do not need them in
// full (issue 15): 张* and 4403**********1234. Pure functions, so every panel masks alike.
#include <string>
#include <string_view>

namespace rs {

// The first character, then one '*' for each further character (characters, not bytes: 张三丰 ->
// 张**). Bytes that are not UTF-8 count one character each; an empty name stays empty.
std::string mask_name(std::string_view utf8);

// The first four and the last four characters, '*' for each one between (18 characters ->
// 4403**********1234). Eight characters or fewer would show everything: all '*' then.
std::string mask_id_number(std::string_view id);

}  // namespace rs
