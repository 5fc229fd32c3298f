#include "importers/problem.h"

namespace ugk::importers {

std::string format(const Problem& problem) {
  std::string out = problem.file;
  if (problem.line) out += ":" + std::to_string(*problem.line);
  out += ": ";
  if (!problem.record.empty()) out += problem.record + ": ";
  if (!problem.field.empty()) out += problem.field + ": ";
  out += problem.message;
  return out;
}

}  // namespace ugk::importers
