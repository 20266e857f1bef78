# cmake-format (Debian: cmake-format) settings for every CMakeLists.txt and .cmake file; CI checks
# them with `cmake-format --check`.
with section("parse"):
    # The project's and Qt's own commands, so their keywords are laid out as keywords.
    additional_commands = {
        "qt_add_executable": {"pargs": {"nargs": "1+", "flags": ["WIN32", "MACOSX_BUNDLE", "MANUAL_FINALIZATION"]}},
        "qt_add_translations": {
            "pargs": {"nargs": 1},
            "kwargs": {
                "TS_FILES": "+",
                "SOURCES": "+",
                "INCLUDE_DIRECTORIES": "+",
                "RESOURCE_PREFIX": 1,
                "LUPDATE_OPTIONS": "+",
                "LRELEASE_OPTIONS": "+",
            },
        },
        "xpadmin_add_feature_folders": {"pargs": {"nargs": "*"}},
        "xpadmin_add_test": {"pargs": {"nargs": "3+"}},
        "xpadmin_add_unit_test": {"pargs": {"nargs": "2+"}},
        "xpadmin_add_postgres_test": {"pargs": {"nargs": "3+"}},
    }

with section("format"):
    line_width = 120
    tab_size = 4
    dangle_parens = False
    max_pargs_hwrap = 8

with section("markup"):
    # Comments are prose: never reflowed.
    enable_markup = False
