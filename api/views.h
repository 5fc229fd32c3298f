// JSON representations of domain results for the API (the record codec lives in kb/json_codec.h).
#pragma once

#include <nlohmann/json.hpp>

#include "kb/catalog.h"
#include "kb/routing.h"
#include "kb/variant.h"
#include "service/case_answer.h"
#include "service/knowledge_service.h"

namespace ugk::api {

nlohmann::json settlement_summary(const kb::Catalog& catalog, const kb::Settlement& settlement);
nlohmann::json office_summary(const kb::Office& office);
// A district for pickers, with its label ("Hajdúnánási járás", "Budapest XIV. kerület").
nlohmann::json district_summary(const kb::District& district);
// Sets `location` (the address the answer shows: the office's own, or a register's with `origin`
// "register" and its source `note`) and `contact_note` (what is unknown and where to ask; null when
// nothing is missing) on an office object.
void add_contact(nlohmann::json& object, const kb::Office& office);
// The procedure's related cases that exist: [{id, title, note}].
nlohmann::json related_view(const kb::Catalog& catalog, const kb::Procedure& procedure);
nlohmann::json procedure_summary(const kb::Procedure& procedure);
// A procedure as one office handles it: the merged record with `origin` (field -> "national" or
// "local") and `local` (the variant's office, note, contact; null for the national text).
nlohmann::json merged_procedure_view(const kb::Catalog& catalog, const kb::MergedProcedure& merged);
// Its forms: national forms as records, the office's own forms by title; each with its origin.
nlohmann::json merged_forms_view(const kb::Catalog& catalog, const kb::MergedProcedure& merged);
// Sets `reason` (the Hungarian sentence of kb/wording_hu.h), `reason_code` and `reason_params` (the ids
// and values the sentence speaks of) on a routed office or visit object.
void add_reason(nlohmann::json& object, const kb::Catalog& catalog, const kb::Reason& reason);
// The case guides a free-text question is a life event of (service::match_guides), best first:
// [{id, title, summary, answer_url}].
nlohmann::json guide_links(const kb::Catalog& catalog, std::string_view text);
// The answer to a case (service::answer_case) without its hours (see hours_views.h).
nlohmann::json case_view(const kb::Catalog& catalog, const service::CaseAnswer& answer);

}  // namespace ugk::api
