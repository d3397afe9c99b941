// E-mail cloaking text removal; see email_cloak.hpp.
#include "email_cloak.hpp"

#include "lexicon.hpp"

namespace caci {
namespace parse {

bool remove_email_cloak(std::string_view t, std::string &out, EmailCloakCut *cut) {
  const size_t at = t.find(lexicon::kCloak);
  if (at == std::string_view::npos) return false;
  std::string_view before = t.substr(0, at);
  // "Email, This email address ..." / "E-mail: This email address ...": the label goes too.
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  for (std::string_view lab : lexicon::kCloakLabels) {
    if (before.size() >= lab.size() &&
        before.compare(before.size() - lab.size(), lab.size(), lab) == 0) {
      before.remove_suffix(lab.size());
      break;
    }
  }
  std::string_view after = t.substr(at + lexicon::kCloak.size());
  while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
  if (after.compare(0, lexicon::kCloakTail.size(), lexicon::kCloakTail) == 0)
    after.remove_prefix(lexicon::kCloakTail.size());
  while (!after.empty() && (after.front() == ' ' || after.front() == '.')) after.remove_prefix(1);
  out.clear();
  out.append(before.data(), before.size());
  if (!after.empty()) {
    out.push_back(' ');
    out.append(after.data(), after.size());
  }
  size_t from = before.size();
  const size_t to = size_t(after.data() - t.data());
  while (from < to && t[from] == ' ') ++from;
  cut->from = from;
  cut->to = to;
  return true;
}

}  // namespace parse
}  // namespace caci
