# Read by cpack for each generator (CPACK_PROJECT_CONFIG_FILE): the tarball unpacks to
# xpadmin-<version>-Linux/{bin,share}, while DEB and RPM install under /usr.
if(CPACK_GENERATOR STREQUAL "TGZ")
    set(CPACK_PACKAGING_INSTALL_PREFIX "")
endif()
