// Hungarian wording of routing decisions: the one place where reason codes (kb/routing.h), territory
// hints and authority phrases become sentences for citizens. The API and the offline snapshot ship
// what this module renders; nothing else builds these sentences.
//
// Names are looked up in the catalog by the ids a reason carries; a record that is missing reads as
// its id. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "kb/catalog.h"
#include "kb/guide.h"
#include "kb/model.h"
#include "kb/routing.h"

namespace ugk::kb {

// One sentence explaining why an office or a visit is in the route answer
// ("Folyás a Hajdúnánási Közös Önkormányzati Hivatalhoz tartozik (székhely: Hajdúnánás); ...").
std::string reason_text(const Catalog& catalog, const Reason& reason);

// How the given settlement is read for a case ("A megadott települést a kérelmező lakóhelyeként ...").
std::string_view territory_hint_text(Territory territory);
// The same for a procedure: by whose settlement decides it ("... az elhunyt utolsó lakóhelyeként ...").
std::string_view territory_hint_text(const Competence& competence);

// Whose settlement a role names ("az elhunyt utolsó lakóhelye") and how a guide or a form asks for it
// ("Melyik településen volt az elhunyt utolsó lakóhelye?").
std::string_view settlement_role_text(SettlementRole role);
std::string_view settlement_question_text(SettlementRole role);

// Why a guide answer cannot be used, for the person who gave it ("A(z) „Hol történt a haláleset?”
// kérdésre adott „x” válasz nem a felkínáltak egyike."). `question` is null for an unknown question.
std::string guide_answer_error_text(const guide::AnswerError& error, const GuideQuestion* question);

// The competent authority's name as a label ("Jegyző", "Kormányablak").
std::string_view authority_name(Authority authority);

// Who acts in the office for a case of that authority ("a hivatal jegyzője jár el").
std::string_view authority_phrase(Authority authority);

// Who handles a central-authority case: the procedure's competence note, or "Központi szerv".
std::string central_authority_text(const Procedure& procedure);

// How a settlement and a district read in a picker: "Budapest XIV. kerület" for Budapest's districts
// (whose KSH names "Budapest 14. ker." serve as settlement and district name alike), "Folyás" and
// "Hajdúnánási járás" elsewhere.
std::string settlement_label(const Settlement& settlement);
std::string district_label(const District& district);

// Where a register address comes from, for people: "cím: törzskönyvi nyilvántartás, 2013 (azóta
// változhatott)". Such an address is never shown as verified.
std::string address_note(const RegisteredAddress& address);
// What the record does not tell about reaching the office (kb/office_contact.h) and where to ask
// instead; empty when address, phone and e-mail are all known.
std::string contact_note(const Office& office);

// An office kind for people: "Járási hivatal", "Polgármesteri hivatal", "Közös önkormányzati hivatal",
// "Kirendeltség", "Kormányablak", "Kormányablakbusz".
std::string_view office_kind_text(OfficeKind kind);

// What a visit of an office of that kind is called: "Kormányablakbusz" for a government-window bus,
// "Ügysegédi fogadóóra" (a client assistant's hours) otherwise.
std::string_view visit_kind_text(OfficeKind visiting_office_kind);

// Grammar helpers.
// Definite article before a word: "az" before a vowel, "a" otherwise.
std::string article(std::string_view word);
// Allative case ("-hoz/-hez/-höz") of the last word of a name, by vowel harmony; a final a/e
// lengthens ("Hivatala" -> "Hivatalához").
std::string allative(std::string name);

// Shown with a relaxed search answer (no document matched every word; these are the closest).
std::string_view relaxed_search_notice();

}  // namespace ugk::kb
