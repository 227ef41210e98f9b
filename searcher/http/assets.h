// Files compiled into the binary (cmake/EmbedAssets.cmake): the web page's script and style,
// the widget and the OpenAPI description, so that `dealsearch serve` needs nothing beside itself.
#pragma once

#include <string_view>

namespace dealsearch::http {

struct Asset {
  std::string_view path;          // as requested: "/widget.js"
  std::string_view content_type;  // "text/javascript; charset=utf-8"
  std::string_view body;
};

// The asset served at `path`, or nullptr.
[[nodiscard]] const Asset* find_asset(std::string_view path);

}  // namespace dealsearch::http
