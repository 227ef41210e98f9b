// The analyzer data of the source tree, loaded once for all tests of a test program.
#pragma once

#include <memory>

#include "analyzers/analyzer.h"
#include "analyzers/analyzer_data.h"

namespace dealsearch::testing {

inline const std::shared_ptr<const analyzers::AnalyzerData>& shared_analyzer_data() {
  static const std::shared_ptr<const analyzers::AnalyzerData> data =
      analyzers::AnalyzerData::load({DEALSEARCH_SOURCE_DIR "/analyzers/data"});
  return data;
}

}  // namespace dealsearch::testing
