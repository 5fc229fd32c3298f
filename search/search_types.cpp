#include "search/search_types.h"

namespace ugk::search {

std::string_view to_string(DocType type) {
  switch (type) {
    case DocType::kProcedure:
      return "procedure";
    case DocType::kForm:
      return "form";
    case DocType::kOffice:
      return "office";
  }
  return "procedure";  // unreachable; keeps -Wreturn-type quiet
}

std::optional<DocType> parse_doc_type(std::string_view text) {
  for (DocType type : {DocType::kProcedure, DocType::kForm, DocType::kOffice}) {
    if (to_string(type) == text) return type;
  }
  return std::nullopt;
}

}  // namespace ugk::search
