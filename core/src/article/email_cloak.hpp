// The site's e-mail cloaking text in author bios ("Email, This email address is being protected
// from spambots. You need JavaScript enabled to view it."): the address is gone, so the text and
// its label are dropped (FORMAT.md section 1).
#pragma once

#include <string>
#include <string_view>

namespace caci {
namespace parse {

// What was dropped: [from, to) in the text given to remove_email_cloak().
struct EmailCloakCut {
  size_t from = 0;
  size_t to = 0;
};

// When `text` holds the cloaking text, writes the text without it (and without its label) to
// `out`, sets *cut and returns true; otherwise returns false and leaves `out` alone.
bool remove_email_cloak(std::string_view text, std::string &out, EmailCloakCut *cut);

}  // namespace parse
}  // namespace caci
