#include "search/document_builder.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "kb/enums.h"
#include "search/terms.h"

namespace ugk::search {
namespace {

// "jarasi_hivatal" -> "jarasi hivatal": the kind names are identifiers; as words they help people
// who type "polgarmesteri hivatal".
std::string kind_words(kb::OfficeKind kind) {
  std::string words(kb::to_string(kind));
  for (char& c : words) {
    if (c == '_') c = ' ';
  }
  return words;
}

// Joins the present parts with ". " so that snippets read as sentences.
std::string join_text(std::initializer_list<const std::optional<std::string>*> parts) {
  std::string text;
  for (const auto* part : parts) {
    if (!*part || (*part)->empty()) continue;
    if (!text.empty()) text += text.back() == '.' ? " " : ". ";
    text += **part;
  }
  return text;
}

}  // namespace

std::string encode(const StoredDocument& stored) {
  nlohmann::json j = {
      {"type", to_string(stored.type)}, {"id", stored.id}, {"title", stored.title}, {"text", stored.text}};
  if (!stored.office_id.empty()) j["office"] = stored.office_id;
  return j.dump();
}

StoredDocument decode_stored_document(std::string_view data) {
  try {
    const auto j = nlohmann::json::parse(data);
    StoredDocument stored;
    const auto type = parse_doc_type(j.at("type").get<std::string>());
    if (!type) throw std::runtime_error("unknown document type");
    stored.type = *type;
    stored.id = j.at("id").get<std::string>();
    stored.title = j.at("title").get<std::string>();
    stored.text = j.at("text").get<std::string>();
    if (auto it = j.find("office"); it != j.end()) stored.office_id = it->get<std::string>();
    return stored;
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(std::string("corrupt search document data: ") + e.what());
  }
}

void DocumentBuilder::index_text(Xapian::Document& doc, std::string_view text, Xapian::termcount wdf) {
  for (const Token& token : analyzer_.analyze(text)) {
    if (token.stop) continue;
    doc.add_term(token.word, wdf);
    doc.add_term(terms::with_prefix(terms::kStem, token.stem), wdf);
    doc.add_term(terms::with_prefix(terms::kFolded, token.folded), wdf);
    doc.add_term(terms::with_prefix(terms::kFoldedStem, token.folded_stem), wdf);
    if (const auto parts = decompounder_.split(token, analyzer_)) {
      doc.add_term(terms::with_prefix(terms::kFolded, parts->left), wdf);
      doc.add_term(terms::with_prefix(terms::kFoldedStem, parts->left), wdf);
      doc.add_term(terms::with_prefix(terms::kFolded, parts->right), wdf);
      doc.add_term(terms::with_prefix(terms::kFoldedStem, parts->right_stem), wdf);
    }
  }
}

FacetValues facet_values(const kb::Procedure& procedure) {
  return {{procedure.category}, {std::string(kb::to_string(procedure.competence.authority))}};
}

std::string document_term(const kb::Procedure& procedure) {
  return terms::id_term(DocType::kProcedure, procedure.id);
}
std::string document_term(const kb::LocalVariant& variant) {
  return terms::variant_term(variant.id);
}
std::string document_term(const kb::Form& form) {
  return terms::id_term(DocType::kForm, form.id);
}
std::string document_term(const kb::Office& office) {
  return terms::id_term(DocType::kOffice, office.id);
}

void DocumentBuilder::finish(Xapian::Document& doc, const StoredDocument& stored, const FacetValues& facets,
                             const std::string& unique_term) {
  doc.add_boolean_term(stored.office_id.empty() ? std::string(terms::kNationalScope)
                                                : terms::office_scope_term(stored.office_id));
  doc.add_value(terms::kCollapseSlot, terms::collapse_key(stored.type, stored.id));
  doc.add_boolean_term(terms::type_term(stored.type));
  doc.add_value(terms::kTypeSlot, std::string(to_string(stored.type)));
  // A value slot holds one value, so the facet counts the first; the filter terms cover all.
  for (const std::string& category : facets.categories) {
    doc.add_boolean_term(terms::with_prefix(terms::kCategory, category));
  }
  if (!facets.categories.empty()) doc.add_value(terms::kCategorySlot, facets.categories.front());
  for (const std::string& authority : facets.authorities) {
    doc.add_boolean_term(terms::with_prefix(terms::kAuthority, authority));
  }
  if (!facets.authorities.empty()) doc.add_value(terms::kAuthoritySlot, facets.authorities.front());
  doc.add_boolean_term(unique_term);
  doc.set_data(encode(stored));
}

void DocumentBuilder::index_procedure_text(Xapian::Document& doc, const kb::Procedure& procedure) {
  index_text(doc, procedure.title, kTitleWdf);
  for (const std::string& keyword : procedure.keywords) index_text(doc, keyword, kKeywordWdf);
  index_text(doc, procedure.category, kCategoryWdf);
  index_text(doc, procedure.summary, kSummaryWdf);
  index_text(doc, procedure.description, kBodyWdf);
  for (const std::string& document : procedure.documents) index_text(doc, document, kBodyWdf);
}

Xapian::Document DocumentBuilder::build(const kb::Procedure& procedure) {
  Xapian::Document doc;
  index_procedure_text(doc, procedure);

  StoredDocument stored{DocType::kProcedure, procedure.id, procedure.title, procedure.summary,
                        procedure.office_id.value_or("")};
  if (!procedure.description.empty()) {
    if (!stored.text.empty()) stored.text += ' ';
    stored.text += procedure.description;
  }
  finish(doc, stored, facet_values(procedure), document_term(procedure));
  return doc;
}

Xapian::Document DocumentBuilder::build(const kb::LocalVariant& variant, const kb::Procedure& national) {
  Xapian::Document own;
  if (variant.title) index_text(own, *variant.title, kTitleWdf);
  if (variant.summary) index_text(own, *variant.summary, kSummaryWdf);
  if (variant.description) index_text(own, *variant.description, kBodyWdf);
  if (variant.note) index_text(own, *variant.note, kBodyWdf);
  if (variant.documents) {
    for (const std::string& document : *variant.documents) index_text(own, document, kBodyWdf);
  }
  for (const std::string& document : variant.extra_documents) index_text(own, document, kBodyWdf);
  if (variant.forms) {
    for (const kb::VariantForm& form : *variant.forms) {
      if (form.title) index_text(own, *form.title, kBodyWdf);
    }
  }
  // Only the words the national text lacks: the procedure's own document already answers for the
  // rest. Offices retell the national text in their own words, so indexing every word again would
  // count "települési" once per office and drown the procedure's words in the collection statistics
  // (the national bundle ranked the települési támogatás below three unrelated cases).
  Xapian::Document national_text;
  index_procedure_text(national_text, national);
  Xapian::Document doc;
  Xapian::TermIterator shared = national_text.termlist_begin();
  for (auto it = own.termlist_begin(); it != own.termlist_end(); ++it) {
    shared.skip_to(*it);  // both term lists are sorted
    if (shared != national_text.termlist_end() && *shared == *it) continue;
    doc.add_term(*it, it.get_wdf());
  }
  // What the hit shows when this office answers: its own wording where it has one.
  StoredDocument stored{DocType::kProcedure, national.id, variant.title.value_or(national.title),
                        variant.summary.value_or(national.summary), variant.office_id};
  const std::string& description = variant.description ? *variant.description : national.description;
  if (!description.empty()) {
    if (!stored.text.empty()) stored.text += ' ';
    stored.text += description;
  }
  finish(doc, stored, facet_values(national), document_term(variant));
  return doc;
}

Xapian::Document DocumentBuilder::build(const kb::Form& form, const FacetValues& inherited) {
  Xapian::Document doc;
  index_text(doc, form.title, kTitleWdf);
  if (form.code) index_text(doc, *form.code, kCodeWdf);
  index_text(doc, form.issuer, kBodyWdf);
  if (form.note) index_text(doc, *form.note, kBodyWdf);

  const std::optional<std::string> issuer = form.issuer;
  finish(doc, {DocType::kForm, form.id, form.title, join_text({&issuer, &form.note}), ""}, inherited,
         document_term(form));
  return doc;
}

Xapian::Document DocumentBuilder::build(const kb::Office& office) {
  Xapian::Document doc;
  index_text(doc, office.name, kTitleWdf);
  if (office.address) index_text(doc, *office.address, kSummaryWdf);
  index_text(doc, kind_words(office.kind), kCategoryWdf);
  if (office.services_note) index_text(doc, *office.services_note, kBodyWdf);

  finish(doc,
         {DocType::kOffice, office.id, office.name,
          join_text({&office.address, &office.opening_hours_note, &office.services_note}), ""},
         {}, document_term(office));
  return doc;
}

}  // namespace ugk::search
