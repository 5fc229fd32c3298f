// A national demo bundle: the reference bundle plus local variation expressed through the model, so
// that the service can be tried (and benchmarked) at national size. On the real KSH office structure,
// a share of the municipal and district offices get local variants of the procedures they handle (a
// fee set by a local decree with its number, the office's own form, a contact point, local text, the
// municipal e-administration portal as online channel) and a few offices per county a local-only
// procedure under their own decree. Everything generated is marked illustrative.
//
// Deterministic: the same source and options give the same bundle. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "kb/model.h"

namespace ugk::importers {

struct NationalBundleOptions {
  std::uint32_t seed = 2024;
  double variant_share = 0.35;          // share of offices with local variants
  int local_procedures_per_county = 3;  // offices per county with a local-only procedure
  // Only offices of these districts get local content (empty: the whole country).
  std::set<std::string> districts;
};

struct LocalContent {
  std::vector<kb::Procedure> local_procedures;
  std::vector<kb::LocalVariant> variants;
};

// The local content for `bundle` (a complete, valid reference bundle: offices derived).
LocalContent generate_local_content(const kb::Bundle& bundle, const NationalBundleOptions& options);

// Writes the bundle folder `target`: every file of `source` copied, plus local_procedures.json and
// local_variants.json with `content`, and a README.md saying what was generated. Replaces `target`
// as a whole (written beside it, then renamed), so a half-written bundle never stays.
void write_national_bundle(const std::filesystem::path& source, const std::filesystem::path& target,
                           const LocalContent& content, const NationalBundleOptions& options);

}  // namespace ugk::importers
