// The bundled reference data (data/), read once per test binary through the real importer.
#pragma once

#include "kb/catalog.h"

namespace ugk::testing {

const kb::Bundle& reference_bundle();
const kb::Catalog& reference_catalog();

}  // namespace ugk::testing
