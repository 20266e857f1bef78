# Where the project lives: the AppStream metainfo, the packages and the About box name it.
include_guard(GLOBAL)
set(XPADMIN_PROJECT_URL
    "https://github.com/xpadmin/xpadmin"
    CACHE STRING "Where the project lives")
