// Local variants of national procedures: what an office's answer looks like (the national text with
// the office's overrides, each field labelled national or local) and which variant fields a change of
// the national text may have outdated. Pure functions; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kb/catalog.h"
#include "kb/model.h"

namespace ugk::kb {

enum class Origin { kNational, kLocal };
std::string_view to_string(Origin origin);

// A procedure as one office handles it.
struct MergedProcedure {
  Procedure procedure;                    // the national record with the variant's overrides applied
  const LocalVariant* variant = nullptr;  // nullptr: the national text as it is
  // Where each shown field comes from: title, summary, description, documents, fees, forms,
  // deadline, processing_time, online_url; plus the local-only additions when present.
  std::map<std::string, Origin> origin;
  // The forms to show, in order: national forms by id, the office's own forms by title.
  std::vector<VariantForm> forms;
};

// `variant` may be nullptr. A local-only procedure (office_id set) is all local.
MergedProcedure merge(const Procedure& procedure, const LocalVariant* variant);

// The local variant of `procedure` that applies in `settlement`: that of the first office of
// catalog.offices_for(settlement) that has one; nullptr when none does (or for local-only procedures).
const LocalVariant* variant_for(const Catalog& catalog, const Procedure& procedure, const Settlement& settlement);

// Whether an office of this kind can handle procedures of this authority (and so keep a variant).
bool can_handle(OfficeKind office, Authority authority);

// The fields a variant sets (overrides and additions), by their JSON names.
std::vector<std::string> set_fields(const LocalVariant& variant);

// The variant fields that override or build on what a change of `national_fields` (top-level JSON
// field names of a national procedure) touched: those the office has to review.
std::vector<std::string> fields_to_review(const LocalVariant& variant, const std::vector<std::string>& national_fields);

}  // namespace ugk::kb
