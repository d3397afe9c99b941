// The one source of the caci documentation: the commands, their options, the exit statuses and
// the environment, as data. `caci --help`, `caci COMMAND --help` and the man page caci.1
// (`caci --man`, run by the build) are all rendered from it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cli {

struct HelpOption {
  const char *names;  // "-o, --output FILE"
  const char *text;   // lines separated by '\n' (the --help line breaks)
};

// A part of a command's help: a paragraph, the options, a titled preformatted block (formats,
// examples), or the query-language reference (caci search).
struct HelpBlock {
  enum Kind { text, options, preformatted, query } kind;
  const char *title = nullptr;  // preformatted: "examples"
  const char *body = nullptr;   // text and preformatted: lines ending in '\n'
  std::vector<HelpOption> items = {};
};

struct HelpCommand {
  const char *name;       // "parse"
  const char *synopsis;   // after "caci parse ": "[options] FILE...|-"
  const char *list_args;  // in the command list of `caci --help`
  const char *summary;    // in that list (lines separated by '\n')
  int option_column;      // where the option texts start in --help
  std::vector<HelpBlock> blocks;
};

struct HelpEntry {
  const char *key;   // "0", "CACI_PROGRESS_AFTER_MS"
  const char *text;  // lines separated by '\n'
};

const std::vector<HelpCommand> &help_commands();
const std::vector<HelpEntry> &help_exit_statuses();
const std::vector<HelpEntry> &help_environment();

// `caci --help`.
std::string main_help();
// `caci NAME --help`; empty for an unknown command.
std::string command_help(std::string_view name);
// caci.1 in troff (man macros).
std::string man_page();

}  // namespace cli
