// The catalog as the record rules (kb/validation.h) see it: what an edit may refer to.
#pragma once

#include "kb/catalog.h"
#include "kb/validation.h"

namespace ugk::kb {

class CatalogReferences : public References {
 public:
  explicit CatalogReferences(const Catalog& catalog) : catalog_(catalog) {}
  const Settlement* settlement(std::string_view ksh) const override { return catalog_.settlement(ksh); }
  const District* district(std::string_view code) const override { return catalog_.district(code); }
  const Office* office(std::string_view id) const override { return catalog_.office(id); }
  const Procedure* procedure(std::string_view id) const override { return catalog_.procedure(id); }
  const Form* form(std::string_view id) const override { return catalog_.form(id); }

 private:
  const Catalog& catalog_;
};

}  // namespace ugk::kb
