# Finds every third-party dependency once. Each comes from a Debian 12 package; a missing one
# stops the configure step with the package to install.
find_package(PkgConfig)
if(NOT PkgConfig_FOUND)
  message(FATAL_ERROR "pkg-config not found: apt-get install pkg-config")
endif()

function(dealsearch_require_pkgconfig prefix module debian_package)
  pkg_check_modules(${prefix} QUIET IMPORTED_TARGET GLOBAL ${module})
  if(NOT ${prefix}_FOUND)
    message(FATAL_ERROR "${module} not found (pkg-config). Install it: apt-get install ${debian_package}")
  endif()
  message(STATUS "Found ${module} ${${prefix}_VERSION}")
endfunction()

function(dealsearch_require_package name debian_package)
  find_package(${name} ${ARGN} QUIET)
  if(NOT ${name}_FOUND)
    message(FATAL_ERROR "${name} not found. Install it: apt-get install ${debian_package}")
  endif()
  message(STATUS "Found ${name}")
endfunction()

find_package(Threads REQUIRED)
dealsearch_require_pkgconfig(XAPIAN xapian-core libxapian-dev)
dealsearch_require_pkgconfig(HTTPLIB cpp-httplib libcpp-httplib-dev)
dealsearch_require_package(ICU libicu-dev COMPONENTS uc i18n data)
dealsearch_require_package(nlohmann_json nlohmann-json3-dev 3.10)
# Deal documents as programmes publish them: HTML pages (an HTML5 parser) and PDF agreements.
dealsearch_require_pkgconfig(GUMBO gumbo libgumbo-dev)
dealsearch_require_pkgconfig(POPPLER_CPP poppler-cpp libpoppler-cpp-dev)
# A site's deals from its sitemap: libcurl fetches (a total time-out, a size cap and a hook
# that refuses addresses, which cpp-httplib 0.11's client lacks), expat reads sitemaps (no
# DTDs, no external entities), zlib inflates gzipped ones within a cap.
dealsearch_require_pkgconfig(CURL libcurl libcurl4-openssl-dev)
dealsearch_require_pkgconfig(EXPAT expat libexpat1-dev)
dealsearch_require_pkgconfig(ZLIB zlib zlib1g-dev)
if(DEALSEARCH_BUILD_TESTS)
  dealsearch_require_package(GTest libgtest-dev)
  # Validates the API's responses against its OpenAPI description (header-only, tests only).
  dealsearch_require_package(valijson libvalijson-dev)
  # The PDF fixtures are drawn with ReportLab (tests/support/make_pdfs.py) by the first
  # python3 that has it: a pyenv or venv python3 first on PATH may not, Debian's does.
  find_program(DEALSEARCH_PATH_PYTHON3 python3)
  foreach(python IN ITEMS ${DEALSEARCH_PATH_PYTHON3} /usr/bin/python3)
    execute_process(COMMAND ${python} -c "import reportlab" RESULT_VARIABLE reportlab_missing
                    OUTPUT_QUIET ERROR_QUIET)
    if(reportlab_missing EQUAL 0)
      set(DEALSEARCH_REPORTLAB_PYTHON ${python})
      break()
    endif()
  endforeach()
  if(NOT DEALSEARCH_REPORTLAB_PYTHON)
    message(FATAL_ERROR "no python3 with ReportLab (the PDF test fixtures). Install it: apt-get install python3-reportlab")
  endif()
  message(STATUS "Found ReportLab for ${DEALSEARCH_REPORTLAB_PYTHON}")
endif()
if(DEALSEARCH_BUILD_BENCH)
  dealsearch_require_package(benchmark libbenchmark-dev)
endif()
